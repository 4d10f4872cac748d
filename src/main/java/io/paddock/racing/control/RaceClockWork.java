package io.paddock.racing.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;

/** The race clock's work, driven from database state so that nothing is lost across a restart. */
@Stateless
public class RaceClockWork {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RaceSnapshots snapshots;

    @Inject
    ModActions mods;

    @Inject
    @ConfigProperty(name = "paddock.racing.inactivity-timeout", defaultValue = "PT15M")
    Duration inactivity;

    /** Ids of countdown races whose scheduled start has passed (also those that passed while we were down). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> due() {
        return em.createNamedQuery(Race.DUE, Race.class).setParameter("now", clock.instant()).getResultList().stream()
                .map(Race::id).toList();
    }

    /** Flips one due race to running (its own transaction); false when it is no longer due. */
    public boolean begin(UUID raceId) {
        Race race = em.find(Race.class, raceId);
        Instant now = clock.instant();
        if (race == null || race.status() != io.paddock.racing.entity.RaceStatus.COUNTDOWN
                || race.scheduledStart().isAfter(now)) {
            return false;
        }
        race.begin(now);
        snapshots.changed(race, List.of(), true);
        return true;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> inactive() {
        return em.createNamedQuery(Participant.INACTIVE, Participant.class)
                .setParameter("cutoff", clock.instant().minus(inactivity)).getResultList().stream()
                .map(Participant::id).toList();
    }

    public void abandon(UUID participantId) {
        Participant p = em.find(Participant.class, participantId);
        if (p != null && !p.status().done()) {
            mods.abandon(p);
        }
    }
}
