package io.paddock.identity.control;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.BrowserSession;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ConflictException;

/** Staff views of accounts: search, and role changes (superadmin only). */
@Stateless
public class UserDirectory {

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    BrowserSessions sessions;

    @Inject
    jakarta.enterprise.inject.Instance<AccountFacts> facts;

    /** A user with what staff look at: identities, active sessions, and each other module's part by its key. */
    public record Detail(User user, List<LinkedIdentity> identities, List<BrowserSession> sessions,
            Map<String, Object> parts) {
    }

    /** One query per kind: the user, their identities, their sessions, then one per module's part. */
    public Detail detail(UUID userId) {
        User user = accounts.find(userId);
        List<LinkedIdentity> identities = em.createNamedQuery(LinkedIdentity.OF_USER, LinkedIdentity.class)
                .setParameter("userId", userId).getResultList();
        Map<String, Object> parts = new HashMap<>();
        for (AccountFacts part : facts) {
            parts.put(part.key(), part.of(userId));
        }
        return new Detail(user, identities, sessions.active(userId), parts);
    }

    /** Users whose name or email contains the query (case-insensitive), newest first, one page. */
    public List<User> search(String query, int offset, int limit) {
        String pattern = "%" + (query == null ? "" : query.toLowerCase(Locale.ROOT).replace("%", "\\%")) + "%";
        return em.createQuery("SELECT u FROM User u WHERE LOWER(u.displayName) LIKE :q OR LOWER(u.email) LIKE :q "
                + "ORDER BY u.createdAt DESC, u.id", User.class)
                .setParameter("q", pattern).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Changes a user's role; nobody changes their own, so the last superadmin cannot lock everyone out. */
    /** Grants {@code role}, recorded in the audit trail with {@code why} in the same transaction. */
    public User changeRole(Caller actor, UUID userId, Role role, long expectedVersion, Justification why) {
        if (!actor.is(Role.SUPERADMIN)) {
            throw new AccessDeniedException("forbidden", "Forbidden", "Only a superadmin changes roles.");
        }
        if (actor.userId().equals(userId)) {
            throw new ConflictException("own-role", "Cannot change your own role",
                    "Ask another superadmin to change your role.");
        }
        User user = accounts.find(userId);
        if (user.version() != expectedVersion) {
            throw new ConflictException("concurrent-update", "Concurrent update",
                    "The user changed since you read it (version " + user.version() + "); read it again.");
        }
        Role before = user.role();
        user.grant(role);
        audit.record(new AuditTrail.Actor(actor.userId(), actor.displayName()),
                AuditTrail.Action.of("identity.role.change", "user", userId)
                        .change("role=" + before.id(), "role=" + role.id()), why);
        return user;
    }
}
