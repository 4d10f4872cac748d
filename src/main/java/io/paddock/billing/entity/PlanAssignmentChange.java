package io.paddock.billing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import io.paddock.identity.entity.User;

/** One change of a user's plan, by an admin (with the reason) or by Stripe. Never changed. */
@Entity
@Table(name = "plan_assignment_changes")
@NamedQuery(name = PlanAssignmentChange.OF_USER, query = "SELECT c FROM PlanAssignmentChange c "
        + "WHERE c.userId = :userId ORDER BY c.changedAt DESC")
public class PlanAssignmentChange {

    public static final String OF_USER = "PlanAssignmentChange.ofUser";

    @Id
    private UUID id;
    private UUID userId;
    private String planId;
    @Enumerated(EnumType.STRING)
    private AssignmentSource source;
    private Instant periodEnd;
    private String reason;
    // An association rather than a bare uuid: EclipseLink's UUID conversion fails on a NULL column.
    @ManyToOne
    @JoinColumn(name = "changed_by")
    private User changedBy;
    private Instant changedAt;

    protected PlanAssignmentChange() {
    }

    public PlanAssignmentChange(UUID userId, String planId, AssignmentSource source, Instant periodEnd, String reason,
            User changedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = Objects.requireNonNull(userId);
        this.planId = Objects.requireNonNull(planId);
        this.source = Objects.requireNonNull(source);
        this.periodEnd = periodEnd;
        this.reason = reason;
        this.changedBy = changedBy;
        this.changedAt = now;
    }

    public String planId() {
        return planId;
    }

    public AssignmentSource source() {
        return source;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    public String reason() {
        return reason;
    }

    public UUID changedBy() {
        return changedBy == null ? null : changedBy.id();
    }

    public Instant changedAt() {
        return changedAt;
    }
}
