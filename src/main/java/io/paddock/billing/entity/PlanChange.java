package io.paddock.billing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One superadmin edit of a plan: the plan before and after (JSON), who and why. Never changed. */
@Entity
@Table(name = "plan_changes")
@NamedQuery(name = PlanChange.OF_PLAN, query = "SELECT c FROM PlanChange c WHERE c.planId = :planId "
        + "ORDER BY c.changedAt DESC")
public class PlanChange {

    public static final String OF_PLAN = "PlanChange.ofPlan";

    @Id
    private UUID id;
    private String planId;
    private UUID changedBy;
    private String reason;
    private String beforeJson;
    private String afterJson;
    private Instant changedAt;

    protected PlanChange() {
    }

    public PlanChange(String planId, UUID changedBy, String reason, String before, String after, Instant now) {
        this.id = UUID.randomUUID();
        this.planId = Objects.requireNonNull(planId);
        this.changedBy = Objects.requireNonNull(changedBy);
        this.reason = Objects.requireNonNull(reason);
        this.beforeJson = before;
        this.afterJson = after;
        this.changedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String planId() {
        return planId;
    }

    public UUID changedBy() {
        return changedBy;
    }

    public String reason() {
        return reason;
    }

    public String before() {
        return beforeJson;
    }

    public String after() {
        return afterJson;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
