package io.paddock.identity.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A long-lived credential for scripts: {@code pdk_<prefix>_<secret>}. The prefix is visible and
 * indexed; only the secret's hash is stored, so the key is shown once, at creation.
 */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = ApiKey.BY_PREFIX, query = "SELECT k FROM ApiKey k JOIN FETCH k.user WHERE k.prefix = :prefix")
@NamedQuery(name = ApiKey.OF_USER, query = "SELECT k FROM ApiKey k WHERE k.user.id = :userId AND k.revokedAt IS NULL "
        + "ORDER BY k.createdAt DESC")
public class ApiKey {

    public static final String BY_PREFIX = "ApiKey.byPrefix";
    public static final String OF_USER = "ApiKey.ofUser";

    @Id
    private UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;
    private String name;
    private String prefix;
    private String secretHash;
    private Instant createdAt;
    private Instant lastUsedAt;
    private Instant expiresAt;
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(User user, String name, String prefix, String secretHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.user = Objects.requireNonNull(user);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An API key needs a name.");
        }
        this.name = name.strip();
        this.prefix = Objects.requireNonNull(prefix);
        this.secretHash = Objects.requireNonNull(secretHash);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Records use at most once a minute, so a busy script does not write on every request. */
    public boolean used(Instant now) {
        if (lastUsedAt != null && lastUsedAt.plusSeconds(60).isAfter(now)) {
            return false;
        }
        lastUsedAt = now;
        return true;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public UUID id() {
        return id;
    }

    public User user() {
        return user;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public String secretHash() {
        return secretHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
