package io.paddock.racing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An earlier attempt of a race, recorded when the organizer resets it after the start: the clock and
 * the ranked results it had, so a reset never erases a race that was run. Written once, never changed.
 */
@Entity
@Table(name = "race_attempts")
@NamedQuery(name = RaceAttempt.OF_RACE, query = "SELECT a FROM RaceAttempt a WHERE a.raceId = :raceId ORDER BY a.number DESC")
@NamedQuery(name = RaceAttempt.COUNT_OF_RACE, query = "SELECT COUNT(a) FROM RaceAttempt a WHERE a.raceId = :raceId")
public class RaceAttempt {

    public static final String OF_RACE = "RaceAttempt.ofRace";
    public static final String COUNT_OF_RACE = "RaceAttempt.countOfRace";

    @Id
    private UUID id;
    private UUID raceId;
    private int number;
    @Enumerated(EnumType.STRING)
    private RaceStatus status;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant resetAt;
    private String results;

    protected RaceAttempt() {
    }

    /** The attempt a reset ends: only a race that started has results worth keeping. */
    public RaceAttempt(Race race, int number, String resultsJson, Instant resetAt) {
        if (race.status() != RaceStatus.RUNNING && race.status() != RaceStatus.FINISHED) {
            throw new IllegalArgumentException("Only a started race has an attempt to keep.");
        }
        if (number < 1) {
            throw new IllegalArgumentException("Attempts are numbered from 1.");
        }
        this.id = UUID.randomUUID();
        this.raceId = race.id();
        this.number = number;
        this.status = race.status();
        this.startedAt = race.startedAt();
        this.finishedAt = race.finishedAt();
        this.resetAt = Objects.requireNonNull(resetAt);
        this.results = Objects.requireNonNull(resultsJson, "An attempt keeps its results.");
    }

    public UUID id() {
        return id;
    }

    public int number() {
        return number;
    }

    public RaceStatus status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant resetAt() {
        return resetAt;
    }

    public String results() {
        return results;
    }
}
