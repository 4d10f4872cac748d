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
    FLAGGED,
    /** A reviewer refused the result; never counted, shown to its owner with the reviewer's note. */
    REJECTED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
