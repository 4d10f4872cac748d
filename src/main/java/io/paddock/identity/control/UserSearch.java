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

    /** How many of the newest users the first step reads (a few milliseconds). */
    static final int RECENT = 5000;

    private static final Comparator<User> NEWEST_FIRST = Comparator.comparing(User::createdAt).reversed()
            .thenComparing(User::id);

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "user";
    }

    /**
     * The newest {@code limit} users whose name or email contains the needle, together with the newest
     * {@code limit} whose linked username does, shown by name. Name and email in two steps: first the newest
     * {@value #RECENT} users are read in order ({@code users_newest}) and filtered, which finds a substring
     * common to many users (a mail domain, a first name) without reading all its matches; only when they
     * hold fewer than {@code limit} is the whole table asked through the two trigram indexes. The linked
     * usernames are a query of their own: PostgreSQL cannot combine a subquery's match with the other two
     * through their trigram indexes.
     */
    @Override
    @SuppressWarnings("unchecked")
    public List<SearchHit> search(String needle, int limit) {
        String pattern = "%" + needle + "%";
        // The LIMIT inside is a fence: PostgreSQL reads the newest rows first and filters them after.
        List<User> byNameOrEmail = em.createNativeQuery("SELECT u.* FROM (SELECT * FROM users "
                        + "ORDER BY created_at DESC, id LIMIT ?2) u WHERE LOWER(u.display_name) LIKE ?1 ESCAPE '\\' "
                        + "OR u.email LIKE ?1 ESCAPE '\\' ORDER BY u.created_at DESC, u.id LIMIT ?3", User.class)
                .setParameter(1, pattern).setParameter(2, RECENT).setParameter(3, limit).getResultList();
        if (byNameOrEmail.size() < limit) {
            byNameOrEmail = em.createQuery("SELECT u FROM User u WHERE LOWER(u.displayName) LIKE :q ESCAPE '\\' "
                            + "OR u.email LIKE :q ESCAPE '\\' ORDER BY u.createdAt DESC, u.id", User.class)
                    .setParameter("q", pattern).setMaxResults(limit).getResultList();
        }
        List<User> byUsername = em.createQuery("SELECT u FROM LinkedIdentity l JOIN l.user u "
                        + "WHERE LOWER(l.username) LIKE :q ESCAPE '\\' ORDER BY u.createdAt DESC, u.id", User.class)
                .setParameter("q", pattern).setMaxResults(limit).getResultList();
        Map<UUID, User> found = new LinkedHashMap<>();
        byNameOrEmail.forEach(u -> found.putIfAbsent(u.id(), u));
        byUsername.forEach(u -> found.putIfAbsent(u.id(), u));
        return found.values().stream().sorted(NEWEST_FIRST).limit(limit)
                .sorted(Comparator.comparing(User::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(u -> new SearchHit(type(), u.id().toString(), u.displayName(),
                        (u.email() == null ? "no email" : u.email()) + " · " + u.role().id() + " · "
                                + u.memberState().name().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
