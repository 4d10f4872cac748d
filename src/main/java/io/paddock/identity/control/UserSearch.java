package io.paddock.identity.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.control.SearchHit;
import io.paddock.admin.control.SearchSource;
import io.paddock.identity.entity.User;

/** Staff search: users by display name, email or a linked provider's username (Discord, Twitch). */
@ApplicationScoped
public class UserSearch implements SearchSource {

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "user";
    }

    @Override
    public List<SearchHit> search(String needle, int limit) {
        return em.createQuery("SELECT u FROM User u WHERE LOWER(u.displayName) LIKE :q ESCAPE '\\' "
                        + "OR u.email LIKE :q ESCAPE '\\' OR u.id IN (SELECT l.user.id FROM LinkedIdentity l "
                        + "WHERE LOWER(l.username) LIKE :q ESCAPE '\\') ORDER BY u.displayName, u.id", User.class)
                .setParameter("q", "%" + needle + "%").setMaxResults(limit).getResultStream()
                .map(u -> new SearchHit(type(), u.id().toString(), u.displayName(),
                        (u.email() == null ? "no email" : u.email()) + " · " + u.role().id() + " · "
                                + u.memberState().name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }
}
