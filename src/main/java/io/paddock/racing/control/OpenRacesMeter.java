package io.paddock.racing.control;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.UsageMeter;
import io.paddock.racing.entity.RaceStatus;

/** Racing's count for the plans: the races a user organizes that are open, counting down or running. */
@ApplicationScoped
public class OpenRacesMeter implements UsageMeter {

    /** The states that hold one of the organizer's "races open at once". */
    static final List<RaceStatus> OPEN = List.of(RaceStatus.OPEN, RaceStatus.COUNTDOWN, RaceStatus.RUNNING);

    @PersistenceContext
    EntityManager em;

    @Override
    public Map<Limit, Long> usage(UUID userId) {
        return Map.of(Limit.OPEN_RACES, openRaces(userId));
    }

    public long openRaces(UUID userId) {
        return em.createQuery("SELECT COUNT(r) FROM Race r WHERE r.organizer.id = :userId AND r.status IN :statuses",
                Long.class).setParameter("userId", userId).setParameter("statuses", OPEN).getSingleResult();
    }
}
