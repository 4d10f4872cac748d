package io.paddock.billing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The Stripe customer of a user: created at the first checkout and reused for every later one. */
@Entity
@Table(name = "billing_customers")
@NamedQuery(name = BillingCustomer.BY_STRIPE_ID, query = "SELECT c FROM BillingCustomer c "
        + "WHERE c.stripeCustomerId = :customerId")
public class BillingCustomer {

    public static final String BY_STRIPE_ID = "BillingCustomer.byStripeId";

    @Id
    private UUID userId;
    private String stripeCustomerId;
    private Instant createdAt;

    protected BillingCustomer() {
    }

    public BillingCustomer(UUID userId, String stripeCustomerId, Instant now) {
        this.userId = Objects.requireNonNull(userId);
        this.stripeCustomerId = Objects.requireNonNull(stripeCustomerId);
        this.createdAt = now;
    }

    public UUID userId() {
        return userId;
    }

    public String stripeCustomerId() {
        return stripeCustomerId;
    }
}
