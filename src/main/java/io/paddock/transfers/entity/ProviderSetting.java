package io.paddock.transfers.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.persistence.NullableUuid;

/**
 * The provider new jobs start on (one row). Each switch raises {@link #version()}, which names the
 * switch in the history; switching to the provider already active is refused by the caller.
 */
@Entity
@Table(name = "transfer_provider")
public class ProviderSetting {

    public static final short ID = 1;

    @Id
    private short id;
    @Enumerated(EnumType.STRING)
    private Provider provider;
    private Instant changedAt;
    @Convert(converter = NullableUuid.class)
    private UUID changedBy;
    @Version
    private long version;

    protected ProviderSetting() {
    }

    /** Makes {@code next} the active provider; false (nothing changes) when it is already. */
    public boolean switchTo(Provider next, UUID by, Instant now) {
        Objects.requireNonNull(next);
        if (provider == next) {
            return false;
        }
        provider = next;
        changedBy = by;
        changedAt = now;
        return true;
    }

    public Provider provider() {
        return provider;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public UUID changedBy() {
        return changedBy;
    }

    public long version() {
        return version;
    }
}
