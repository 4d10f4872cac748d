package io.paddock.telemetry.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.platform.ids.Ids;
import io.paddock.telemetry.control.Heartbeats.Answer;
import io.paddock.telemetry.control.Heartbeats.Telemetry;
import io.paddock.telemetry.control.LiveSessions.Live;
import io.paddock.telemetry.control.LiveSessions.Session;
import io.paddock.telemetry.control.TelemetryProof.Snapshot;

/**
 * The full-telemetry heartbeat, built for volume (≥ 5,000/s on 2 cores, docs/benchmarks.md). The checks run in
 * memory under the installation's lock against its live session ({@link LiveSessions}): replay, rate
 * limit (429, nothing stored), stale gap (a new session, {@code CONNECTION_STALE}), static telemetry
 * ({@code STATIC_TELEMETRY}, stored but not accepted). What an accepted or static heartbeat stores goes
 * to the {@link HeartbeatWriter}, and the answer is given only after that write is committed.
 */
@ApplicationScoped
public class HeartbeatIntake {

    private static final long STORE_TIMEOUT_SECONDS = 10;

    @Inject
    Clock clock;

    @Inject
    LiveSessions sessions;

    @Inject
    HeartbeatWriter writer;

    /** Checks and stores one heartbeat; returns once it is committed (or refused). */
    public Answer record(SignedRequests.Verified request, Telemetry telemetry) {
        PluginCaller caller = request.caller();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
        Pending pending = sessions.withLive(caller.installationId(), live -> decide(live, request, telemetry, now));
        if (pending.write() == null) {
            return pending.answer();
        }
        boolean stored = false;
        try {
            writer.submit(pending.write()).get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            stored = true;
            return pending.answer();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw HeartbeatWriter.unavailable("Storing the heartbeat took too long; it may or may not be stored.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HeartbeatWriter.unavailable("The server is shutting down.");
        } finally {
            sessions.written(caller.installationId(), pending.live(), stored);
        }
    }

    private record Pending(Live live, Answer answer, HeartbeatWriter.Write write) {
    }

    /** Runs under the installation's lock. */
    private Pending decide(Live live, SignedRequests.Verified request, Telemetry telemetry, Instant now) {
        if (!live.firstSight(request.signature(), now, SignedRequests.WINDOW.multipliedBy(2))) {
            throw HeartbeatWriter.replayed();
        }
        PluginCaller caller = request.caller();
        Session session = live.session;
        if (session != null && !session.closed) {
            Duration since = Duration.between(session.lastHeartbeatAt, now);
            if (since.compareTo(TelemetryProof.MIN_INTERVAL) < 0) {
                return new Pending(live, new Answer(false, session.id, "RATE_LIMITED",
                        TelemetryProof.MIN_INTERVAL.minus(since)), null);
            }
        }
        String code = null;
        UUID endedStale = null;
        boolean fresh = false;
        if (session == null || session.closed || session.staleAt(now, TelemetryProof.STALE_GAP)) {
            if (session != null && !session.closed) {
                endedStale = session.id;
                code = Heartbeats.CONNECTION_STALE;
            }
            session = new Session(Ids.random(), caller.userId(), now);
            fresh = true;
        }
        Snapshot current = telemetry.snapshot();
        boolean isStatic = session.hasSnapshot() && TelemetryProof.isStatic(
                new Snapshot(session.lastSpeed, session.lastRpm, session.lastGear, 0, 0, 0), current);
        // Updated in place: a write that fails drops the whole entry, so memory never runs ahead of the database.
        Session next = session;
        next.lastHeartbeatAt = now;
        next.heartbeats++;
        if (isStatic) {
            next.staticHeartbeats++;
            code = Heartbeats.STATIC_TELEMETRY;
        } else {
            next.lastAcceptedAt = now;
        }
        next.lastSpeed = telemetry.speed();
        next.lastRpm = telemetry.rpm();
        next.lastGear = telemetry.gear();
        next.lastPosition = telemetry.position();
        next.lastSessionTime = telemetry.sessionTime();
        HeartbeatWriter.Write write = new HeartbeatWriter.Write(request.signature(), caller.installationId(), now,
                request.recordSeen(), endedStale, fresh,
                new HeartbeatWriter.SessionState(next.id, caller.installationId(), next.userId, next.startedAt,
                        next.lastHeartbeatAt, next.lastAcceptedAt, next.lastSpeed, next.lastRpm, next.lastGear,
                        next.lastPosition, next.lastSessionTime, next.heartbeats, next.staticHeartbeats),
                new HeartbeatWriter.Snapshot(Ids.random(), now, telemetry.timestamp(), telemetry.speed(),
                        telemetry.rpm(), telemetry.gear(), telemetry.lapTime(), telemetry.position(),
                        telemetry.sessionTime(), isStatic),
                new CompletableFuture<>());
        live.session = next;
        live.pendingWrites++;
        return new Pending(live, new Answer(!isStatic, next.id, code, null), write);
    }
}
