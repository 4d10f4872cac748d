package io.paddock.telemetry.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A run of heartbeats from one installation with no gap over 10 s. It carries the previous
 * snapshot's values so a heartbeat is checked without reading older heartbeats.
 */
@Entity
@Table(name = "telemetry_sessions")
@NamedQuery(name = TelemetrySession.LATEST_OF_INSTALLATION, query = "SELECT s FROM TelemetrySession s "
        + "WHERE s.installationId = :installationId ORDER BY s.startedAt DESC")
public class TelemetrySession {

    public static final String LATEST_OF_INSTALLATION = "TelemetrySession.latestOfInstallation";

    @Id
    private UUID id;
    private UUID installationId;
    private UUID userId;
    private Instant startedAt;
    private Instant lastHeartbeatAt;
    private Instant lastAcceptedAt;
    private Double lastSpeed;
    private Double lastRpm;
    private Integer lastGear;
    private Integer lastPosition;
    private Double lastSessionTime;
    private int heartbeats;
    private int staticHeartbeats;
    private boolean endedStale;
    private boolean resultSubmitted;
    @Version
    private long version;

    protected TelemetrySession() {
    }

    public TelemetrySession(UUID installationId, UUID userId, Instant now) {
        this.id = UUID.randomUUID();
        this.installationId = Objects.requireNonNull(installationId);
        this.userId = Objects.requireNonNull(userId);
        this.startedAt = Objects.requireNonNull(now);
        this.lastHeartbeatAt = now;
    }

    public boolean staleAt(Instant now, Duration gap) {
        return Duration.between(lastHeartbeatAt, now).compareTo(gap) > 0;
    }

    /** The race's result is in: this session takes no more results, the next heartbeat starts a new one. */
    public void resultSubmitted() {
        this.resultSubmitted = true;
    }

    public boolean closed() {
        return resultSubmitted || endedStale;
    }

    public boolean hasSnapshot() {
        return lastSpeed != null;
    }

    public boolean freshAt(Instant now, Duration fresh) {
        return lastAcceptedAt != null && Duration.between(lastAcceptedAt, now).compareTo(fresh) <= 0;
    }

    public UUID id() {
        return id;
    }

    public UUID installationId() {
        return installationId;
    }

    public UUID userId() {
        return userId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    public Instant lastAcceptedAt() {
        return lastAcceptedAt;
    }

    public Double lastSpeed() {
        return lastSpeed;
    }

    public Double lastRpm() {
        return lastRpm;
    }

    public Integer lastGear() {
        return lastGear;
    }

    public Integer lastPosition() {
        return lastPosition;
    }

    public Double lastSessionTime() {
        return lastSessionTime;
    }

    public int heartbeats() {
        return heartbeats;
    }

    public int staticHeartbeats() {
        return staticHeartbeats;
    }

    public boolean endedStale() {
        return endedStale;
    }
}
