package io.paddock.billing.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A Stripe subscription as its webhook events described it. Events may arrive late and out of order: each
 * change names the Stripe creation time of its event, and one older than the newest applied changes
 * nothing; a cancelled subscription stays cancelled.
 */
@Entity
@Table(name = "billing_subscriptions")
@NamedQuery(name = Subscription.OF_USER, query = "SELECT s FROM Subscription s WHERE s.userId = :userId "
        + "ORDER BY s.lastEventAt DESC")
public class Subscription {

    public static final String OF_USER = "Subscription.ofUser";

    /** Statuses in which the subscription renews and the plan is paid for. */
    private static final Set<String> PAYING = Set.of("active", "trialing");
    /** Statuses in which a payment failed or is missing: the paid period still counts, no more. */
    private static final Set<String> OWING = Set.of("past_due", "unpaid", "incomplete", "paused");
    public static final String CANCELED = "canceled";

    @Id
    private String stripeSubscriptionId;
    private UUID userId;
    private String planId;
    private String status;
    private Instant currentPeriodEnd;
    private boolean cancelAtPeriodEnd;
    private Instant paymentFailedAt;
    private Instant lastEventAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Subscription() {
    }

    public Subscription(String stripeSubscriptionId, UUID userId, String planId, Instant eventAt) {
        this.stripeSubscriptionId = Objects.requireNonNull(stripeSubscriptionId);
        this.userId = Objects.requireNonNull(userId);
        this.planId = Objects.requireNonNull(planId);
        this.status = "incomplete";
        this.lastEventAt = Instant.EPOCH;
        this.updatedAt = eventAt;
    }

    /** What a subscription event says; false (nothing changed) when the event is older than the state. */
    public boolean describe(String planId, String status, Instant periodEnd, boolean cancelAtPeriodEnd,
            Instant eventAt, Instant now) {
        if (stale(eventAt) || (CANCELED.equals(this.status) && !CANCELED.equals(status))) {
            return false;
        }
        this.planId = Objects.requireNonNull(planId);
        this.status = Objects.requireNonNull(status);
        if (periodEnd != null) {
            this.currentPeriodEnd = periodEnd;
        }
        this.cancelAtPeriodEnd = cancelAtPeriodEnd;
        if (PAYING.contains(status)) {
            this.paymentFailedAt = null;
        }
        touch(eventAt, now);
        return true;
    }

    /** An invoice was paid: the subscription is paying again, through {@code periodEnd} at least. */
    public boolean paid(Instant periodEnd, Instant eventAt, Instant now) {
        if (stale(eventAt) || CANCELED.equals(status)) {
            return false;
        }
        status = "active";
        paymentFailedAt = null;
        if (periodEnd != null && (currentPeriodEnd == null || periodEnd.isAfter(currentPeriodEnd))) {
            currentPeriodEnd = periodEnd;
        }
        touch(eventAt, now);
        return true;
    }

    /** A payment failed: access holds until the paid period ends, then the default plan applies. */
    public boolean paymentFailed(Instant eventAt, Instant now) {
        if (stale(eventAt) || CANCELED.equals(status)) {
            return false;
        }
        status = "past_due";
        paymentFailedAt = eventAt;
        touch(eventAt, now);
        return true;
    }

    /** Whether the subscription grants its plan at all (not cancelled, not expired, period known when owing). */
    public boolean grants() {
        return PAYING.contains(status) || (OWING.contains(status) && currentPeriodEnd != null);
    }

    /**
     * Until when a {@link #grants() granting} subscription grants its plan: a paying one through its period
     * and {@code renewalGrace} more (the renewal's events may come a little after the period ends), one set
     * to cancel or owing money through its period only; {@code null} while a paying one's period is unknown.
     */
    public Instant accessUntil(Duration renewalGrace) {
        if (currentPeriodEnd == null) {
            return null;
        }
        return PAYING.contains(status) && !cancelAtPeriodEnd ? currentPeriodEnd.plus(renewalGrace) : currentPeriodEnd;
    }

    /** Whether the user is subscribed here (a new checkout would double-charge): anything not ended. */
    public boolean live() {
        return !CANCELED.equals(status) && !"incomplete_expired".equals(status);
    }

    private boolean stale(Instant eventAt) {
        return eventAt.isBefore(lastEventAt);
    }

    private void touch(Instant eventAt, Instant now) {
        lastEventAt = eventAt;
        updatedAt = now;
    }

    public String stripeSubscriptionId() {
        return stripeSubscriptionId;
    }

    public UUID userId() {
        return userId;
    }

    public String planId() {
        return planId;
    }

    public String status() {
        return status;
    }

    public Instant currentPeriodEnd() {
        return currentPeriodEnd;
    }

    public boolean cancelAtPeriodEnd() {
        return cancelAtPeriodEnd;
    }

    public Instant paymentFailedAt() {
        return paymentFailedAt;
    }

    public long version() {
        return version;
    }
}
