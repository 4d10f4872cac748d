package io.paddock.transfers.control;

import java.util.UUID;

/** What the engine must do for a job once the transaction that decided it committed. */
public record EngineCommand(UUID jobId, Action action) {

    public enum Action {
        /** Start or continue the job (a new client over its folder). */
        START,
        /** Stop work on the job, keeping its files. */
        STOP,
        /** Stop work and remove the job's files from every storage. */
        DISCARD,
        /** Copy the job's finished files to the configured object storage. */
        UPLOAD
    }
}
