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
import jakarta.persistence.Version;

/**
 * QR sign-in: pending until a signed-in user approves it, then collected once by the plugin that
 * opened it (which alone knows the poll secret). It keeps what the server saw of the request that opened
 * it (address, User-Agent, time), so whoever approves sees whose device they are letting in.
 */
@Entity
@Table(name = "qr_login_sessions")
@NamedQuery(name = QrLoginSession.DELETE_EXPIRED, query = "DELETE FROM QrLoginSession q WHERE q.expiresAt < :before")
public class QrLoginSession {

    public static final String DELETE_EXPIRED = "QrLoginSession.deleteExpired";

    public enum Status {
        PENDING, APPROVED, COLLECTED;
    }

    @Id
    private UUID id;
    private String pollSecretHash;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    @ManyToOne
    @JoinColumn(name = "user_id")
    private User user;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant approvedAt;
    private String requesterAddress;
    private String requesterAgent;
    @Version
    private long version;

    protected QrLoginSession() {
    }

    /** Header values are kept as printable ASCII only, cut to their column's length. */
    public QrLoginSession(String pollSecretHash, String requesterAgent, String requesterAddress, Instant now,
            Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.pollSecretHash = Objects.requireNonNull(pollSecretHash);
        this.status = Status.PENDING;
        this.requesterAgent = printable(requesterAgent, 300);
        this.requesterAddress = printable(requesterAddress, 64);
        this.createdAt = Objects.requireNonNull(now);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    private static String printable(String value, int max) {
        if (value == null) {
            return null;
        }
        String kept = value.replaceAll("[^\\x20-\\x7e]", "").strip();
        return kept.isEmpty() ? null : kept.substring(0, Math.min(kept.length(), max));
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Returns false when it can no longer be approved (expired, or already approved). */
    public boolean approve(User approver, Instant now) {
        if (status != Status.PENDING || expiredAt(now)) {
            return false;
        }
        this.user = Objects.requireNonNull(approver);
        this.status = Status.APPROVED;
        this.approvedAt = now;
        return true;
    }

    public void collect() {
        if (status != Status.APPROVED) {
            throw new IllegalStateException("Only an approved QR session can be collected.");
        }
        status = Status.COLLECTED;
    }

    public UUID id() {
        return id;
    }

    public String pollSecretHash() {
        return pollSecretHash;
    }

    public Status status() {
        return status;
    }

    public User user() {
        return user;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** When the plugin asked. */
    public Instant requestedAt() {
        return createdAt;
    }

    /** The requester's address as the server saw it; null when unknown. */
    public String requesterAddress() {
        return requesterAddress;
    }

    /** The requester's User-Agent; null when it sent none. */
    public String requesterAgent() {
        return requesterAgent;
    }
}
