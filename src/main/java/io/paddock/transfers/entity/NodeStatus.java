package io.paddock.transfers.entity;

/**
 * What a transfer node may do. {@link #ACTIVE} claims new jobs; {@link #CORDONED} keeps its jobs and
 * claims none; {@link #DRAINING} finishes its jobs, claims none, and is {@link #DRAINED} once it holds
 * nothing; {@link #DEAD} stopped heartbeating and lost its jobs to the queue.
 */
public enum NodeStatus {
    ACTIVE, CORDONED, DRAINING, DRAINED, DEAD;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
