package io.paddock.racing.control;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.racing.entity.Race;

/** The race header sent to mods and spectators (name, status, scheduled_start, as existing mods read it). */
public record RaceInfo(UUID id, String name, String status, @JsonProperty("scheduled_start") Instant scheduledStart,
        @JsonProperty("started_at") Instant startedAt, @JsonProperty("finished_at") Instant finishedAt) implements java.io.Serializable {

    public static RaceInfo of(Race race) {
        return new RaceInfo(race.id(), race.name(), race.status().wire(), race.scheduledStart(), race.startedAt(),
                race.finishedAt());
    }
}
