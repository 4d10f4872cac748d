package io.paddock.identity.control;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ConflictException;

/** Staff views of accounts: search, and role changes (superadmin only). */
@Stateless
public class UserDirectory {

    @PersistenceContext
    EntityManager em;

    @Inject
    Accounts accounts;

    /** Users whose name or email contains the query (case-insensitive), newest first, one page. */
    public List<User> search(String query, int offset, int limit) {
        String pattern = "%" + (query == null ? "" : query.toLowerCase(Locale.ROOT).replace("%", "\\%")) + "%";
        return em.createQuery("SELECT u FROM User u WHERE LOWER(u.displayName) LIKE :q OR LOWER(u.email) LIKE :q "
                + "ORDER BY u.createdAt DESC, u.id", User.class)
                .setParameter("q", pattern).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Changes a user's role; nobody changes their own, so the last superadmin cannot lock everyone out. */
    public User changeRole(Caller actor, UUID userId, Role role, long expectedVersion) {
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
        user.grant(role);
        return user;
    }
}
