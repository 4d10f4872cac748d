package io.paddock.transfers.entity;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.errors.ConflictException;

/**
 * A node that runs a transfer engine, as its own heartbeats describe it (written by the node with one
 * statement each, see {@code WorkerNodes}) and with the status admins set. Status changes go through
 * the methods here, which refuse what makes no sense (409 {@code node-state}): a dead node is neither
 * cordoned, drained nor uncordoned (it comes back ACTIVE by heartbeating again).
 */
@Entity
@Table(name = "transfer_nodes")
@NamedQuery(name = TransferNode.ALL, query = "SELECT n FROM TransferNode n ORDER BY n.id")
public class TransferNode {

    public static final String ALL = "TransferNode.all";

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private NodeStatus status;
    private int activeJobs;
    private int maxJobs;
    private long diskFreeBytes;
    private long downloadSpeed;
    private long uploadSpeed;
    private String appVersion;
    private Instant registeredAt;
    private Instant heartbeatAt;
    private Instant statusChangedAt;
    @Version
    private long version;

    protected TransferNode() {
    }

    /** No new jobs; those it holds go on. */
    public boolean cordon(Instant now) {
        return change(NodeStatus.CORDONED, now, "be cordoned");
    }

    /** No new jobs; it finishes those it holds, then stops ({@link NodeStatus#DRAINED}). */
    public boolean drain(Instant now) {
        if (status == NodeStatus.DRAINED) {
            return false;
        }
        return change(NodeStatus.DRAINING, now, "be drained");
    }

    /** Takes new jobs again. */
    public boolean uncordon(Instant now) {
        return change(NodeStatus.ACTIVE, now, "be uncordoned");
    }

    private boolean change(NodeStatus next, Instant now, String what) {
        if (status == NodeStatus.DEAD) {
            throw new ConflictException("node-state", "Not possible in this state",
                    "The node " + id + " is dead; it cannot " + what + " until it heartbeats again.");
        }
        if (status == next) {
            return false;
        }
        status = next;
        statusChangedAt = now;
        return true;
    }

    public String id() {
        return id;
    }

    public NodeStatus status() {
        return status;
    }

    public int activeJobs() {
        return activeJobs;
    }

    public int maxJobs() {
        return maxJobs;
    }

    public long diskFreeBytes() {
        return diskFreeBytes;
    }

    public long downloadSpeed() {
        return downloadSpeed;
    }

    public long uploadSpeed() {
        return uploadSpeed;
    }

    public String appVersion() {
        return appVersion;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public long version() {
        return version;
    }
}
