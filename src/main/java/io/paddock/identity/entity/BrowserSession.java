package io.paddock.identity.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A signed-in browser. The cookie carries a random token; only its hash and the CSRF token's hash are kept. */
@Entity
@Table(name = "browser_sessions")
@NamedQuery(name = BrowserSession.BY_TOKEN, query = "SELECT s FROM BrowserSession s JOIN FETCH s.user "
        + "WHERE s.tokenHash = :hash")
@NamedQuery(name = BrowserSession.ACTIVE_OF_USER, query = "SELECT s FROM BrowserSession s WHERE s.user.id = :userId "
        + "AND s.revokedAt IS NULL AND s.expiresAt > :now ORDER BY s.lastSeenAt DESC")
@NamedQuery(name = BrowserSession.REVOKE_ALL_OF_USER, query = "UPDATE BrowserSession s SET s.revokedAt = :now "
        + "WHERE s.user.id = :userId AND s.revokedAt IS NULL AND s.id <> :keep")
// Sliding expiry as a conditional update (the table has no version): of two requests extending it at
// once, one wins and the other changes nothing; neither fails.
@NamedQuery(name = BrowserSession.EXTEND, query = "UPDATE BrowserSession s SET s.lastSeenAt = :now, "
        + "s.expiresAt = :expiresAt WHERE s.id = :id AND s.lastSeenAt <= :seenBefore AND s.revokedAt IS NULL")
@NamedQuery(name = BrowserSession.DELETE_EXPIRED, query = "DELETE FROM BrowserSession s WHERE s.expiresAt < :before "
        + "OR s.revokedAt < :before")
public class BrowserSession {

    public static final String BY_TOKEN = "BrowserSession.byToken";
    public static final String ACTIVE_OF_USER = "BrowserSession.activeOfUser";
    public static final String REVOKE_ALL_OF_USER = "BrowserSession.revokeAllOfUser";
    public static final String DELETE_EXPIRED = "BrowserSession.deleteExpired";
    public static final String EXTEND = "BrowserSession.extend";

    /** A session in use stays alive; its expiry moves at most once this often, to spare writes. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    @Id
    private UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;
    private String tokenHash;
    private String csrfHash;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private AuthMethod authMethod;
    private String userAgent;
    private String ipAddress;
    private Instant createdAt;
    private Instant lastSeenAt;
    private Instant expiresAt;
    private Instant revokedAt;

    protected BrowserSession() {
    }

    public BrowserSession(User user, String tokenHash, String csrfHash, AuthMethod authMethod, String userAgent,
            String ipAddress, Instant now, Duration lifetime) {
        this.id = UUID.randomUUID();
        this.user = Objects.requireNonNull(user);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.csrfHash = Objects.requireNonNull(csrfHash);
        this.authMethod = Objects.requireNonNull(authMethod);
        this.userAgent = userAgent == null || userAgent.length() <= 300 ? userAgent : userAgent.substring(0, 300);
        this.ipAddress = ipAddress;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Whether its sliding expiry is due to move ({@link #EXTEND}); at most once per {@link #TOUCH_INTERVAL}. */
    public boolean dueForTouch(Instant now) {
        return !lastSeenAt.plus(TOUCH_INTERVAL).isAfter(now);
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

    public String csrfHash() {
        return csrfHash;
    }

    public AuthMethod authMethod() {
        return authMethod;
    }

    public String userAgent() {
        return userAgent;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
