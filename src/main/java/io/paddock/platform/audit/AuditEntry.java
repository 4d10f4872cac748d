package io.paddock.platform.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.paddock.platform.persistence.NullableUuid;

/**
 * One recorded action. Written once and never changed (the table refuses updates and deletes), so it
 * has no version and no mutators; {@link AuditTrail} is the only writer.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    @Convert(converter = NullableUuid.class)
    private UUID actorId;
    private String actorName;
    private String action;
    private String targetType;
    private String targetId;
    private String reason;
    private String ticketId;
    private String beforeSummary;
    private String afterSummary;
    private String requestId;
    private String clientAddress;

    protected AuditEntry() {
    }

    AuditEntry(Instant at, AuditTrail.Actor actor, AuditTrail.Action action, Justification why, String requestId,
            String clientAddress) {
        this.at = at;
        this.actorId = actor == null ? null : actor.id();
        this.actorName = actor == null ? null : clip(actor.name(), 100);
        this.action = action.action();
        this.targetType = action.targetType();
        this.targetId = clip(action.targetId(), 100);
        this.reason = why == null ? null : why.reason();
        this.ticketId = why == null ? null : why.ticketId();
        this.beforeSummary = clip(action.before(), 2000);
        this.afterSummary = clip(action.after(), 2000);
        this.requestId = requestId;
        this.clientAddress = clientAddress;
    }

    /** Summaries are for people reading the trail; a long one keeps its start and says it was cut. */
    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public Long id() { return id; }
    public Instant at() { return at; }
    public UUID actorId() { return actorId; }
    public String actorName() { return actorName; }
    public String action() { return action; }
    public String targetType() { return targetType; }
    public String targetId() { return targetId; }
    public String reason() { return reason; }
    public String ticketId() { return ticketId; }
    public String beforeSummary() { return beforeSummary; }
    public String afterSummary() { return afterSummary; }
    public String requestId() { return requestId; }
    public String clientAddress() { return clientAddress; }
}
