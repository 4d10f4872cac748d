package io.paddock.racing.control;

import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.racing.entity.Race;

/**
 * What other modules may ask about a race by id, as plain values: whether it exists, its name and
 * status, and whether a user organizes it (the Discord module lets a race's organizer end its voice room).
 */
@Stateless
public class RaceDirectory {

    @PersistenceContext
    EntityManager em;

    /** A race as other modules see it; {@code status} in its wire form ({@code countdown}, {@code finished}…). */
    public record RaceHeader(UUID id, String name, String status, UUID organizerId) {
    }

    public Optional<RaceHeader> find(UUID raceId) {
        Race race = raceId == null ? null : em.find(Race.class, raceId);
        return Optional.ofNullable(race).map(r -> new RaceHeader(r.id(), r.name(), r.status().wire(),
                r.organizer().id()));
    }

    /** Whether {@code userId} organizes the race (false for an unknown race). */
    public boolean organizedBy(UUID raceId, UUID userId) {
        Race race = raceId == null ? null : em.find(Race.class, raceId);
        return race != null && race.organizedBy(userId);
    }
}
