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

/** A single-use, expiring secret mailed or shown to a user: email verification, password reset, plugin sign-in. */
@Entity
@Table(name = "one_time_tokens")
@NamedQuery(name = OneTimeToken.BY_HASH, query = "SELECT t FROM OneTimeToken t JOIN FETCH t.user "
        + "WHERE t.tokenHash = :hash AND t.purpose = :purpose")
@NamedQuery(name = OneTimeToken.INVALIDATE_OPEN, query = "UPDATE OneTimeToken t SET t.usedAt = :now "
        + "WHERE t.user.id = :userId AND t.purpose = :purpose AND t.usedAt IS NULL")
@NamedQuery(name = OneTimeToken.CLAIM, query = "UPDATE OneTimeToken t SET t.usedAt = :now "
        + "WHERE t.tokenHash = :hash AND t.usedAt IS NULL")
@NamedQuery(name = OneTimeToken.DELETE_EXPIRED, query = "DELETE FROM OneTimeToken t WHERE t.expiresAt < :before")
public class OneTimeToken {

    public static final String BY_HASH = "OneTimeToken.byHash";
    public static final String INVALIDATE_OPEN = "OneTimeToken.invalidateOpen";
    /** Marks an unused token used; 0 rows when someone else used it first (single use under concurrency). */
    public static final String CLAIM = "OneTimeToken.claim";
    public static final String DELETE_EXPIRED = "OneTimeToken.deleteExpired";

    public enum Purpose {
        EMAIL_VERIFY, PASSWORD_RESET, PLUGIN_LOGIN;
    }

    @Id
    private UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Purpose purpose;
    private String tokenHash;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant usedAt;

    protected OneTimeToken() {
    }

    public OneTimeToken(User user, Purpose purpose, String tokenHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.user = Objects.requireNonNull(user);
        this.purpose = Objects.requireNonNull(purpose);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean used() {
        return usedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public void use(Instant now) {
        usedAt = now;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public User user() {
        return user;
    }
}
