package io.paddock.telemetry.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The generated AES-256 key that encrypts installation secrets when configuration gives none. */
@Entity
@Table(name = "telemetry_keys")
public class TelemetryKey {

    public static final String SECRET_BOX = "secret-box";

    @Id
    private String id;
    private String keyBase64;
    private Instant createdAt;

    protected TelemetryKey() {
    }

    public TelemetryKey(String id, String keyBase64, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.keyBase64 = Objects.requireNonNull(keyBase64);
        this.createdAt = Objects.requireNonNull(now);
    }

    public String keyBase64() {
        return keyBase64;
    }
}
