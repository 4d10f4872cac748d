package io.paddock.telemetry.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.telemetry.control.TelemetryProof.Snapshot;
import io.paddock.telemetry.entity.Heartbeat;
import io.paddock.telemetry.entity.PluginInstallation;
import io.paddock.telemetry.entity.TelemetrySession;

/**
 * Heartbeat reads and upkeep: the plugin's minimal {version} heartbeat, an installation's latest session,
 * a session's kept snapshots, pruning. Full telemetry heartbeats take the batched path
 * ({@link HeartbeatIntake}).
 */
@Stateless
public class Heartbeats {

    public static final String CONNECTION_STALE = "CONNECTION_STALE";
    public static final String STATIC_TELEMETRY = "STATIC_TELEMETRY";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PluginRequests requests;

    /** A full telemetry heartbeat, already checked against its hash. */
    public record Telemetry(Instant timestamp, double speed, double rpm, int gear, double lapTime, int position,
            double sessionTime) {

        Snapshot snapshot() {
            return new Snapshot(speed, rpm, gear, lapTime, position, sessionTime);
        }
    }

    /** What the plugin is told; {@code retryAfter} is set only when the heartbeat came too soon. */
    public record Answer(boolean accepted, UUID sessionId, String code, Duration retryAfter) {
    }

    /** The minimal heartbeat {version}: the plugin is alive; no telemetry is stored. */
    public Answer ping(SignedRequests.Verified request, String version) {
        requests.remember(request);
        Instant now = now();
        PluginInstallation installation = em.find(PluginInstallation.class, request.caller().installationId());
        if (installation.lastPingAt() != null) {
            Duration since = Duration.between(installation.lastPingAt(), now);
            if (since.compareTo(TelemetryProof.MIN_INTERVAL) < 0) {
                return new Answer(false, null, "RATE_LIMITED", TelemetryProof.MIN_INTERVAL.minus(since));
            }
        }
        installation.pinged(version, now);
        Optional<TelemetrySession> session = latest(installation.id())
                .filter(s -> !s.closed() && !s.staleAt(now, TelemetryProof.STALE_GAP));
        return new Answer(true, session.map(TelemetrySession::id).orElse(null), null, null);
    }

    /** Truncated to what timestamptz stores (µs): PostgreSQL rounds, which could make a 3 s gap 2.9999997 s. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    Optional<TelemetrySession> latest(UUID installationId) {
        List<TelemetrySession> found = em.createNamedQuery(TelemetrySession.LATEST_OF_INSTALLATION,
                TelemetrySession.class).setParameter("installationId", installationId).setMaxResults(1).getResultList();
        return found.stream().findFirst();
    }

    /** The session's kept snapshots, oldest first. */
    public List<Snapshot> snapshots(UUID sessionId) {
        List<Heartbeat> newestFirst = em.createNamedQuery(Heartbeat.LATEST_OF_SESSION, Heartbeat.class)
                .setParameter("sessionId", sessionId).setMaxResults(TelemetryProof.KEPT_SNAPSHOTS).getResultList();
        List<Heartbeat> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst.stream().map(h -> new Snapshot(h.speed(), h.rpm(), h.gear(), h.lapTime(),
                h.position(), h.sessionTime())).toList();
    }

    public Optional<TelemetrySession> latestSession(UUID installationId) {
        return latest(installationId);
    }

    /** Keeps the newest 10 snapshots of every session; the rest is deleted. */
    public int prune() {
        return em.createNativeQuery("DELETE FROM telemetry_heartbeats h USING (SELECT id, row_number() OVER "
                + "(PARTITION BY session_id ORDER BY received_at DESC, id DESC) AS rank FROM telemetry_heartbeats) old "
                + "WHERE h.id = old.id AND old.rank > " + TelemetryProof.KEPT_SNAPSHOTS).executeUpdate();
    }

    /** Forgets request signatures older than twice the signing window and spent or expired challenges. */
    public int forgetOldSignatures() {
        Instant cutoff = clock.instant().minus(SignedRequests.WINDOW.multipliedBy(2));
        int signatures = em.createNativeQuery("DELETE FROM plugin_request_signatures WHERE seen_at < ?")
                .setParameter(1, java.sql.Timestamp.from(cutoff)).executeUpdate();
        int challenges = em.createNativeQuery("DELETE FROM result_challenges WHERE expires_at < ?")
                .setParameter(1, java.sql.Timestamp.from(cutoff)).executeUpdate();
        return signatures + challenges;
    }
}
