package io.paddock.transfers.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One event of a user's jobs, kept so a Server-Sent Events client resumes from its Last-Event-ID. */
@Entity
@Table(name = "transfer_events")
@NamedQuery(name = TransferEvent.AFTER, query = "SELECT e FROM TransferEvent e WHERE e.ownerId = :owner AND e.id > :after "
        + "ORDER BY e.id")
@NamedQuery(name = TransferEvent.PRUNE, query = "DELETE FROM TransferEvent e WHERE e.createdAt < :before")
public class TransferEvent {

    public static final String AFTER = "TransferEvent.after";
    public static final String PRUNE = "TransferEvent.prune";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID ownerId;
    private UUID jobId;
    private String type;
    private String data;
    private Instant createdAt;

    protected TransferEvent() {
    }

    public TransferEvent(UUID ownerId, UUID jobId, String type, String data, Instant now) {
        this.ownerId = ownerId;
        this.jobId = jobId;
        this.type = type;
        this.data = data;
        this.createdAt = now;
    }

    public long id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public UUID jobId() {
        return jobId;
    }

    public String type() {
        return type;
    }

    public String data() {
        return data;
    }
}
