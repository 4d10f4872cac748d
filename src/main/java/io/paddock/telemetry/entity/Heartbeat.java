package io.paddock.telemetry.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One telemetry snapshot; immutable. Only the latest 10 per session are kept. */
@Entity
@Table(name = "telemetry_heartbeats")
@NamedQuery(name = Heartbeat.LATEST_OF_SESSION, query = "SELECT h FROM Heartbeat h WHERE h.sessionId = :sessionId "
        + "ORDER BY h.receivedAt DESC, h.id DESC")
public class Heartbeat {

    public static final String LATEST_OF_SESSION = "Heartbeat.latestOfSession";

    @Id
    private UUID id;
    private UUID sessionId;
    private Instant receivedAt;
    private Instant clientTimestamp;
    private double speed;
    private double rpm;
    private int gear;
    private double lapTime;
    private int position;
    private double sessionTime;
    private boolean staticTelemetry;

    protected Heartbeat() {
    }

    public Heartbeat(UUID sessionId, Instant receivedAt, Instant clientTimestamp, double speed, double rpm, int gear,
            double lapTime, int position, double sessionTime, boolean staticTelemetry) {
        this.id = UUID.randomUUID();
        this.sessionId = Objects.requireNonNull(sessionId);
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.clientTimestamp = clientTimestamp;
        this.speed = speed;
        this.rpm = rpm;
        this.gear = gear;
        this.lapTime = lapTime;
        this.position = position;
        this.sessionTime = sessionTime;
        this.staticTelemetry = staticTelemetry;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public double speed() {
        return speed;
    }

    public double rpm() {
        return rpm;
    }

    public int gear() {
        return gear;
    }

    public double lapTime() {
        return lapTime;
    }

    public int position() {
        return position;
    }

    public double sessionTime() {
        return sessionTime;
    }

    public boolean staticTelemetry() {
        return staticTelemetry;
    }
}
