package io.paddock.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.BrowserSession;
import io.paddock.identity.entity.User;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;

/** Server-side browser sessions behind the {@code paddock_session} cookie, each with its own CSRF token. */
@Stateless
public class BrowserSessions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "paddock.session.lifetime", defaultValue = "P14D")
    Duration lifetime;

    /** The secrets go to the browser once, in cookies; the table keeps their hashes. */
    public record Started(BrowserSession session, String token, String csrfToken) {
    }

    public Started start(User user, AuthMethod method, String userAgent, String ipAddress) {
        if (user.suspended()) {
            throw Suspensions.accountSuspended();
        }
        String token = RandomSecrets.token();
        String csrf = RandomSecrets.token();
        BrowserSession session = new BrowserSession(user, Digests.tokenHash(token), Digests.tokenHash(csrf), method,
                userAgent, ipAddress, clock.instant(), lifetime);
        em.persist(session);
        user.signedIn(method, clock.instant());
        return new Started(session, token, csrf);
    }

    /** The caller of the active session a cookie token names, its expiry slid forward. */
    public Optional<CallerResolver.SessionCaller> authenticate(String token) {
        List<BrowserSession> found = em.createNamedQuery(BrowserSession.BY_TOKEN, BrowserSession.class)
                .setParameter("hash", Digests.tokenHash(token)).getResultList();
        if (found.isEmpty() || !found.get(0).activeAt(clock.instant())) {
            return Optional.empty();
        }
        BrowserSession session = found.get(0);
        User user = session.user();
        Instant now = clock.instant();
        // Extending the expiry must never fail a request: conditional updates that two requests of one
        // browser may run at once, the later one changing nothing (no @Version involved).
        if (session.dueForTouch(now)) {
            int extended = em.createNamedQuery(BrowserSession.EXTEND).setParameter("id", session.id())
                    .setParameter("now", now).setParameter("expiresAt", now.plus(lifetime))
                    .setParameter("seenBefore", now.minus(BrowserSession.TOUCH_INTERVAL)).executeUpdate();
            if (extended > 0) {
                markSeen(em, user, now);
            }
        }
        Caller caller = new Caller(user.id(), user.displayName(), user.role(), session.authMethod(),
                Caller.Credential.SESSION, session.id());
        return Optional.of(new CallerResolver.SessionCaller(caller, session.csrfHash()));
    }

    /** Records the user's last activity without touching its version, so concurrent requests never conflict. */
    static void markSeen(EntityManager em, User user, Instant now) {
        em.createNamedQuery(User.MARK_SEEN).setParameter("id", user.id()).setParameter("now", now).executeUpdate();
    }

    public List<BrowserSession> active(UUID userId) {
        return em.createNamedQuery(BrowserSession.ACTIVE_OF_USER, BrowserSession.class)
                .setParameter("userId", userId).setParameter("now", clock.instant()).getResultList();
    }

    /** Ends one session of this user; false when it is not theirs or already ended. */
    public boolean end(UUID userId, UUID sessionId) {
        BrowserSession session = em.find(BrowserSession.class, sessionId);
        if (session == null || !session.user().id().equals(userId) || !session.activeAt(clock.instant())) {
            return false;
        }
        session.revoke(clock.instant());
        return true;
    }

    /** Ends every session of the user except {@code keep} (which may be null). */
    public int endAllExcept(UUID userId, UUID keep) {
        return em.createNamedQuery(BrowserSession.REVOKE_ALL_OF_USER).setParameter("now", clock.instant())
                .setParameter("userId", userId).setParameter("keep", keep == null ? new UUID(0, 0) : keep)
                .executeUpdate();
    }
}
