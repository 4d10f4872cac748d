package io.paddock.racing.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.control.SearchHit;
import io.paddock.admin.control.SearchSource;
import io.paddock.racing.entity.Race;

/** Staff search: races by name, newest first. */
@ApplicationScoped
public class RaceSearch implements SearchSource {

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "race";
    }

    @Override
    public List<SearchHit> search(String needle, int limit) {
        return em.createQuery("SELECT r FROM Race r JOIN FETCH r.organizer WHERE LOWER(r.name) LIKE :q ESCAPE '\\' "
                        + "ORDER BY r.createdAt DESC, r.id", Race.class)
                .setParameter("q", "%" + needle + "%").setMaxResults(limit).getResultStream()
                .map(r -> new SearchHit(type(), r.id().toString(), r.name(),
                        r.status().name().toLowerCase(java.util.Locale.ROOT) + " · organized by "
                                + r.organizer().displayName() + " · " + r.createdAt()))
                .toList();
    }
}
