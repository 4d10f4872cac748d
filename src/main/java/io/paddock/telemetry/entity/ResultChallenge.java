package io.paddock.telemetry.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.errors.ConflictException;

/** A one-time nonce a podium result must answer within its time to live. */
@Entity
@Table(name = "result_challenges")
public class ResultChallenge {

    @Id
    private UUID nonce;
    private UUID installationId;
    private UUID sessionId;
    private Instant issuedAt;
    private Instant expiresAt;
    private Instant usedAt;
    @Version
    private long version;

    protected ResultChallenge() {
    }

    public ResultChallenge(UUID installationId, UUID sessionId, Instant now, Duration ttl) {
        this.nonce = UUID.randomUUID();
        this.installationId = Objects.requireNonNull(installationId);
        this.sessionId = Objects.requireNonNull(sessionId);
        this.issuedAt = Objects.requireNonNull(now);
        this.expiresAt = now.plus(ttl);
    }

    /** Spends the challenge: refused when already used or expired (used either way). */
    public void spend(Instant now) {
        if (usedAt != null) {
            throw new ConflictException("challenge-used", "Challenge already used",
                    "This challenge was already answered; request a new one.");
        }
        usedAt = now;
        if (now.isAfter(expiresAt)) {
            throw new ConflictException("challenge-expired", "Challenge expired",
                    "The challenge expired at " + expiresAt + "; request a new one and answer within 5 s.");
        }
    }

    public boolean issuedTo(UUID installation, UUID session) {
        return installationId.equals(installation) && sessionId.equals(session);
    }

    public UUID nonce() {
        return nonce;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
