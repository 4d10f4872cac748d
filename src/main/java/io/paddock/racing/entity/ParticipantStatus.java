package io.paddock.racing.entity;

import java.util.Locale;

/** registered → ready → playing → finished | abandoned. */
public enum ParticipantStatus {
    REGISTERED, READY, PLAYING, FINISHED, ABANDONED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean done() {
        return this == FINISHED || this == ABANDONED;
    }
}
