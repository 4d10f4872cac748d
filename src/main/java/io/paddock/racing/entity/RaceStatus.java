package io.paddock.racing.entity;

import java.util.Locale;

/** The race lifecycle: draft → open → countdown → running → finished (reset goes back to open). */
public enum RaceStatus {
    DRAFT, OPEN, COUNTDOWN, RUNNING, FINISHED;

    /** The wire form: lower case, as SpeedFog Racing's clients expect. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire form ({@link #wire()}). */
    public static RaceStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean inSetup() {
        return this == DRAFT || this == OPEN;
    }
}
