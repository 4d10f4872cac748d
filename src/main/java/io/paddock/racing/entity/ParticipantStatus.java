package io.paddock.racing.entity;

import java.util.Locale;

/** registered → ready → playing → finished | abandoned. */
public enum ParticipantStatus {
    REGISTERED, READY, PLAYING, FINISHED, ABANDONED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire form ({@link #wire()}). */
    public static ParticipantStatus fromWire(String wire) {
        return switch (wire) {
            case "registered" -> REGISTERED;
            case "ready" -> READY;
            case "playing" -> PLAYING;
            case "finished" -> FINISHED;
            case "abandoned" -> ABANDONED;
            default -> throw new IllegalArgumentException("Unknown participant status " + wire);
        };
    }

    public boolean done() {
        return this == FINISHED || this == ABANDONED;
    }
}
