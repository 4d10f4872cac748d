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
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.identity.entity.User;

/**
 * The plan a user is on when it is not the default: given by an admin (with a reason, optionally until a
 * date) or by a Stripe subscription (until its paid period ends, a day more while it renews). After
 * {@code accessUntil} the user is on the default plan again; the row stays as the last word on it.
 */
@Entity
@Table(name = "plan_assignments")
public class PlanAssignment {

    @Id
    private UUID userId;
    private String planId;
    @Enumerated(EnumType.STRING)
    private AssignmentSource source;
    private Instant periodEnd;
    private Instant accessUntil;
    private String reason;
    // An association rather than a bare uuid: EclipseLink's UUID conversion fails on a NULL column.
    @ManyToOne
    @JoinColumn(name = "assigned_by")
    private User assignedBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected PlanAssignment() {
    }

    public PlanAssignment(UUID userId) {
        this.userId = Objects.requireNonNull(userId);
    }

    /** An admin's choice; {@code until} may be null (no end). */
    public void byAdmin(String planId, Instant until, String reason, User admin, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("An admin's plan change needs a reason.");
        }
        this.planId = Objects.requireNonNull(planId);
        this.source = AssignmentSource.ADMIN;
        this.periodEnd = until;
        this.accessUntil = until;
        this.reason = reason.strip();
        this.assignedBy = Objects.requireNonNull(admin);
        this.updatedAt = now;
    }

    /** What a Stripe subscription grants: the plan until {@code accessUntil}. */
    public void bySubscription(String planId, Instant periodEnd, Instant accessUntil, Instant now) {
        this.planId = Objects.requireNonNull(planId);
        this.source = AssignmentSource.STRIPE;
        this.periodEnd = periodEnd;
        this.accessUntil = accessUntil;
        this.reason = null;
        this.assignedBy = null;
        this.updatedAt = now;
    }

    /** A plan that came from a subscription ends at {@code now}: the default plan applies from then on. */
    public void endSubscription(Instant now) {
        // Whole microseconds, as the database keeps them: a rounded-up end would still hold at 'now'.
        this.accessUntil = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.updatedAt = now;
    }

    /** Whether the assignment still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return planId != null && (accessUntil == null || now.isBefore(accessUntil));
    }

    public UUID userId() {
        return userId;
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

    public Instant accessUntil() {
        return accessUntil;
    }

    public String reason() {
        return reason;
    }

    public UUID assignedBy() {
        return assignedBy == null ? null : assignedBy.id();
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
