package io.paddock.admin.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.persistence.NullableUuid;

/** A switch an operator turns at runtime. Which flags exist is the code's (migrations add them); only the state moves. */
@Entity
@Table(name = "feature_flags")
public class FeatureFlag {

    @Id
    private String name;
    private boolean enabled;
    private String description;
    private Instant updatedAt;
    @Convert(converter = NullableUuid.class)
    private UUID updatedBy;
    @Version
    private long version;

    protected FeatureFlag() {
    }

    /** Turns the flag on or off; returns whether that changed anything. */
    public boolean turn(boolean on, UUID by, Instant now) {
        if (enabled == on) {
            return false;
        }
        enabled = on;
        updatedBy = by;
        updatedAt = now;
        return true;
    }

    public String name() { return name; }
    public boolean enabled() { return enabled; }
    public String description() { return description; }
    public Instant updatedAt() { return updatedAt; }
    public UUID updatedBy() { return updatedBy; }
    public long version() { return version; }
}
