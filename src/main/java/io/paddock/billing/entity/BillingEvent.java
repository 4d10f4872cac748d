package io.paddock.billing.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A Stripe webhook event, stored once under Stripe's event id (a redelivery finds it and changes
 * nothing), with what it did. {@link Outcome#UNKNOWN_CUSTOMER} and {@link Outcome#UNREADABLE} are for
 * an admin to look at.
 */
@Entity
@Table(name = "billing_events")
@NamedQuery(name = BillingEvent.FLAGGED, query = "SELECT e FROM BillingEvent e WHERE e.outcome IN :outcomes "
        + "ORDER BY e.receivedAt DESC")
public class BillingEvent {

    public static final String FLAGGED = "BillingEvent.flagged";

    /** What the event did. */
    public enum Outcome {
        /** Changed a subscription or assignment. */
        APPLIED,
        /** Older than what was already known: changed nothing. */
        STALE,
        /** A type Paddock does not act on. */
        IGNORED,
        /** Names a customer or subscription Paddock does not know: flagged for an admin. */
        UNKNOWN_CUSTOMER,
        /** Could not be read (another API version, a missing field): flagged for an admin. */
        UNREADABLE
    }

    @Id
    private String id;
    private String type;
    private Instant createdAt;
    private Instant receivedAt;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private String note;
    private String payload;

    protected BillingEvent() {
    }

    public BillingEvent(String id, String type, Instant createdAt, Instant receivedAt, String payload) {
        this.id = Objects.requireNonNull(id);
        this.type = Objects.requireNonNull(type);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.receivedAt = receivedAt;
        this.payload = Objects.requireNonNull(payload);
        this.outcome = Outcome.IGNORED;
    }

    public void settle(Outcome outcome, String note) {
        this.outcome = Objects.requireNonNull(outcome);
        this.note = note == null || note.length() <= 500 ? note : note.substring(0, 500);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String note() {
        return note;
    }
}
