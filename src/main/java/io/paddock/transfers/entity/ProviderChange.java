package io.paddock.transfers.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.paddock.platform.persistence.NullableUuid;

/**
 * One provider switch, kept for good (the table refuses updates and deletes): the setting's version it
 * made, from what to what, who, why, and how many jobs still ran on the old provider (they finish there).
 */
@Entity
@Table(name = "transfer_provider_changes")
public class ProviderChange {

    @Id
    private long version;
    private Instant at;
    @Enumerated(EnumType.STRING)
    private Provider oldProvider;
    @Enumerated(EnumType.STRING)
    private Provider newProvider;
    @Convert(converter = NullableUuid.class)
    private UUID actorId;
    private String actorName;
    private String reason;
    private String ticketId;
    private int inFlight;

    protected ProviderChange() {
    }

    public ProviderChange(long version, Instant at, Provider oldProvider, Provider newProvider, UUID actorId,
            String actorName, String reason, String ticketId, int inFlight) {
        this.version = version;
        this.at = at;
        this.oldProvider = oldProvider;
        this.newProvider = newProvider;
        this.actorId = actorId;
        this.actorName = actorName;
        this.reason = reason;
        this.ticketId = ticketId;
        this.inFlight = inFlight;
    }

    public long version() {
        return version;
    }

    public Instant at() {
        return at;
    }

    public Provider oldProvider() {
        return oldProvider;
    }

    public Provider newProvider() {
        return newProvider;
    }

    public UUID actorId() {
        return actorId;
    }

    public String actorName() {
        return actorName;
    }

    public String reason() {
        return reason;
    }

    public String ticketId() {
        return ticketId;
    }

    public int inFlight() {
        return inFlight;
    }
}
