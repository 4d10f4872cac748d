package io.paddock.transfers.entity;

import io.paddock.platform.errors.ConflictException;

/** A job cannot do that in its current state (409 {@code job-state}). */
public class JobConflict extends ConflictException {

    private static final long serialVersionUID = 1L;

    public JobConflict(TransferJob job, String action) {
        super("job-state", "Not possible in this state",
                "The job is " + job.state().wire() + "; it cannot " + action + ".");
    }
}
