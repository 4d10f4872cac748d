package io.paddock.telemetry.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.AccountFacts;
import io.paddock.telemetry.entity.RaceResult;
import io.paddock.telemetry.entity.SimPlatform;

/** A user's latest results with their outcome, for the staff's user detail (one query). */
@ApplicationScoped
public class RecentResultFacts implements AccountFacts {

    static final int RECENT = 10;

    public record ResultFact(UUID id, SimPlatform simPlatform, String track, String car, int finalPosition,
            int fieldSize, String outcome, Instant submittedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Override
    public String key() {
        return "recentResults";
    }

    @Override
    public List<ResultFact> of(UUID userId) {
        return em.createNamedQuery(RaceResult.OF_USER, RaceResult.class).setParameter("userId", userId)
                .setMaxResults(RECENT).getResultStream()
                .map(r -> new ResultFact(r.id(), r.simPlatform(), r.track(), r.car(), r.finalPosition(), r.fieldSize(),
                        r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.submittedAt()))
                .toList();
    }
}
