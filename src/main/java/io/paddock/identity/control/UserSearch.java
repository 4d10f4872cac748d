package io.paddock.identity.control;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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

    /**
     * Three indexed lookups (name, email, provider username) rather than one query with OR: PostgreSQL
     * cannot combine a subquery's match with the other two through their trigram indexes and would
     * scan every user. None is ordered, so a common term stops at the first {@code limit} rows of each;
     * the page then shows up to {@code limit} of them by name.
     */
    @Override
    public List<SearchHit> search(String needle, int limit) {
        String pattern = "%" + needle + "%";
        Map<UUID, User> found = new LinkedHashMap<>();
        for (String where : List.of("LOWER(u.displayName) LIKE :q ESCAPE '\\'", "u.email LIKE :q ESCAPE '\\'",
                "u.id IN (SELECT l.user.id FROM LinkedIdentity l WHERE LOWER(l.username) LIKE :q ESCAPE '\\')")) {
            em.createQuery("SELECT u FROM User u WHERE " + where, User.class).setParameter("q", pattern)
                    .setMaxResults(limit).getResultStream().forEach(u -> found.putIfAbsent(u.id(), u));
        }
        return found.values().stream().limit(limit)
                .sorted(Comparator.comparing(User::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(u -> new SearchHit(type(), u.id().toString(), u.displayName(),
                        (u.email() == null ? "no email" : u.email()) + " · " + u.role().id() + " · "
                                + u.memberState().name().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
