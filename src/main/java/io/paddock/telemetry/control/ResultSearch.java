package io.paddock.telemetry.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.control.SearchHit;
import io.paddock.admin.control.SearchSource;
import io.paddock.telemetry.entity.RaceResult;

/** Staff search: submitted results by track or car, newest first. */
@ApplicationScoped
public class ResultSearch implements SearchSource {

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "result";
    }

    @Override
    public List<SearchHit> search(String needle, int limit) {
        return em.createQuery("SELECT r FROM RaceResult r WHERE LOWER(r.track) LIKE :q ESCAPE '\\' "
                        + "OR LOWER(r.car) LIKE :q ESCAPE '\\' ORDER BY r.submittedAt DESC, r.id", RaceResult.class)
                .setParameter("q", "%" + needle + "%").setMaxResults(limit).getResultStream()
                .map(r -> new SearchHit(type(), r.id().toString(), r.track() + " · " + r.car(),
                        "P" + r.finalPosition() + " of " + r.fieldSize() + " · " + r.outcome().id() + " · "
                                + r.submittedAt()))
                .toList();
    }
}
