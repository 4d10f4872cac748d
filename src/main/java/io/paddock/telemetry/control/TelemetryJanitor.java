package io.paddock.telemetry.control;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Leadership;

/**
 * Prunes heartbeats beyond the newest 10 per session, and request signatures and challenges older than
 * the replay window, every 30 s, and lets the heartbeat path forget idle installations. Not persistent: a missed run loses nothing (the next one deletes the
 * same rows, and nothing reads beyond the newest 10 snapshots anyway), and Payara Micro's persistent
 * timers would not survive a restart of a lone instance. In a cluster only the leading node prunes the
 * database ({@link Leadership}); every node forgets its own idle installations.
 */
@Singleton
public class TelemetryJanitor {

    private static final Logger LOG = Logger.getLogger(TelemetryJanitor.class.getName());

    @Inject
    Heartbeats heartbeats;

    @Inject
    LiveSessions liveSessions;

    @Inject
    java.time.Clock clock;

    @Inject
    Leadership leadership;

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void prune() {
        try {
            boolean leading = leadership.leading();
            int pruned = leading ? heartbeats.prune() : 0;
            int forgotten = leading ? heartbeats.forgetOldSignatures() : 0;
            // Sessions idle past the stale gap are decided the same from the database; memory stays bounded.
            liveSessions.evictIdle(clock.instant(), TelemetryProof.STALE_GAP.multipliedBy(3));
            LOG.fine(() -> "Pruned " + pruned + " heartbeats and " + forgotten + " signatures/challenges");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Telemetry pruning failed; the next run retries", e);
        }
    }
}
