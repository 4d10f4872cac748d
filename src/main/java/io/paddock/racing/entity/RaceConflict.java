package io.paddock.racing.entity;

import io.paddock.platform.errors.ConflictException;

/** A race or participant is not in a state that allows the action; the detail names the current state. */
public class RaceConflict extends ConflictException {

    private static final long serialVersionUID = 1L;

    public RaceConflict(String slug, String title, String detail) {
        super(slug, title, detail);
    }

    static RaceConflict raceState(Race race, String action) {
        return new RaceConflict("race-state", "Not allowed in this race state",
                "Cannot " + action + ": the race is " + race.status().wire() + " (version " + race.version() + ").");
    }
}
