package io.paddock.telemetry.entity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the telemetry proof made of a submitted result. */
public enum Outcome {
    /** Checks passed but the session has too little telemetry to score continuity; shown, not counted. */
    PENDING,
    /** Every check passed: the result counts for podiums, leaderboards and member verification. */
    VERIFIED,
    /** At least one check failed; the reasons say which. */
    FLAGGED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
