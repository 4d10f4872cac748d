package io.paddock.racing.entity;

import java.util.Locale;

/**
 * The race lifecycle: draft → open → countdown → running → finished (reset goes back to open); staff may
 * cancel a race that is not finished.
 */
public enum RaceStatus {
    DRAFT, OPEN, COUNTDOWN, RUNNING, FINISHED, CANCELLED;

    /** The wire form: lower case, as SpeedFog Racing's clients expect. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire form ({@link #wire()}). */
    public static RaceStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Finished or cancelled: nothing more happens in the race. */
    public boolean over() {
        return this == FINISHED || this == CANCELLED;
    }

    public boolean inSetup() {
        return this == DRAFT || this == OPEN;
    }
}
