package io.paddock.transfers.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a transfer job is. {@link #COMPLETED}, {@link #FAILED} and {@link #CANCELLED} are terminal;
 * {@link #PAUSED} holds what is on disk until resumed.
 */
public enum JobState {
    SUBMITTED, METADATA_FETCH, QUEUED, DOWNLOADING, UPLOADING, SCANNING, COMPLETED, PAUSED, FAILED, CANCELLED;

    /** States in which the engine works on the job (a restart resumes them). */
    public static final Set<JobState> RUNNING = EnumSet.of(SUBMITTED, METADATA_FETCH, QUEUED, DOWNLOADING);

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name used on the wire. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
