package io.paddock.identity.control;

import java.time.Clock;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.BrowserSession;
import io.paddock.identity.entity.RefreshToken;
import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ConflictException;

/**
 * Staff actions on an account (admin and up): sign it out everywhere, suspend it, restore it. Each
 * writes one audit row in its own transaction. Nobody suspends their own account, and only a superadmin
 * acts on a superadmin's.
 */
@Stateless
public class AccountModeration {

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Event<Suspensions.Changed> suspensionChanged;

    /** Ends every browser session and revokes every refresh token; access tokens run out within their short life. */
    public User signOut(Caller actor, UUID userId, Justification why) {
        User user = target(actor, userId);
        int sessions = em.createNamedQuery(BrowserSession.REVOKE_ALL_OF_USER).setParameter("now", clock.instant())
                .setParameter("userId", userId).setParameter("keep", new UUID(0, 0)).executeUpdate();
        int refreshTokens = em.createNamedQuery(RefreshToken.REVOKE_ALL_OF_USER).setParameter("now", clock.instant())
                .setParameter("userId", userId).executeUpdate();
        record(actor, "identity.user.sign-out", userId, "sessions=" + sessions + ", refreshTokens=" + refreshTokens,
                "sessions=0, refreshTokens=0", why);
        return user;
    }

    /**
     * Suspends the account: from the commit on, on every node, none of its credentials is accepted and its
     * open sockets are closed. Its sessions, keys and tokens are kept for a restore.
     */
    public User suspend(Caller actor, UUID userId, Justification why) {
        if (actor.userId().equals(userId)) {
            throw new ConflictException("own-account", "Cannot suspend your own account",
                    "Ask another admin to suspend your account.");
        }
        User user = target(actor, userId);
        if (user.suspended()) {
            throw new ConflictException("account-already-suspended", "Account already suspended",
                    "The account was suspended at " + user.suspendedAt() + ".");
        }
        user.suspend(clock.instant());
        record(actor, "identity.user.suspend", userId, "suspended=false", "suspended=true", why);
        suspensionChanged.fire(new Suspensions.Changed(userId, true));
        return user;
    }

    /** Lifts a suspension: the account's unexpired, unrevoked credentials work again. */
    public User restore(Caller actor, UUID userId, Justification why) {
        User user = target(actor, userId);
        if (!user.suspended()) {
            throw new ConflictException("account-not-suspended", "Account not suspended",
                    "The account is not suspended; there is nothing to restore.");
        }
        user.restore();
        record(actor, "identity.user.restore", userId, "suspended=true", "suspended=false", why);
        suspensionChanged.fire(new Suspensions.Changed(userId, false));
        return user;
    }

    private User target(Caller actor, UUID userId) {
        User user = accounts.find(userId);
        if (user.role() == Role.SUPERADMIN && !actor.is(Role.SUPERADMIN)) {
            throw new AccessDeniedException("superadmin-protected", "A superadmin's account",
                    "Only a superadmin signs out, suspends or restores a superadmin.");
        }
        return user;
    }

    private void record(Caller actor, String action, UUID userId, String before, String after, Justification why) {
        audit.record(new AuditTrail.Actor(actor.userId(), actor.displayName()),
                AuditTrail.Action.of(action, "user", userId).change(before, after), why);
    }
}
