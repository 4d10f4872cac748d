package io.paddock.racing.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A value the racing token derivation keeps in the database: the generated token key (when
 * configuration gives none) and the fingerprint of the key the stored token hashes were derived with.
 */
@Entity
@Table(name = "racing_keys")
public class RacingKey {

    public static final String TOKEN_KEY = "token-key";
    public static final String TOKEN_KEY_ID = "token-key-id";

    @Id
    private String id;
    private String value;
    private Instant createdAt;

    protected RacingKey() {
    }

    public RacingKey(String id, String value, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.value = Objects.requireNonNull(value);
        this.createdAt = Objects.requireNonNull(now);
    }

    public String value() {
        return value;
    }

    public void replace(String newValue, Instant now) {
        this.value = Objects.requireNonNull(newValue);
        this.createdAt = Objects.requireNonNull(now);
    }
}
