package io.paddock.telemetry.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.errors.ServiceUnavailableException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.persistence.PaddockDataSource;

/**
 * Group commit for heartbeats. Request threads queue their heartbeat's writes and wait; a writer
 * thread takes everything queued, stores it in one transaction (JDBC batches: signatures, new sessions,
 * one update per touched session, snapshots, last-seen marks) and only then completes the waiting
 * requests, so every accepted heartbeat is committed before it is answered, at one commit per batch
 * instead of one per heartbeat. Batches form by themselves: whatever arrives during a commit goes into
 * the next one.
 * <p>
 * Heartbeats are spread over {@code paddock.telemetry.writers} such lanes (queue, thread, connection) by
 * installation: one lane's round trips and commit overlap the other's, where a single writer left the
 * database and the CPU idle between its batches; an installation always goes to the same lane, so its
 * session's absolute-valued updates keep their order and two lanes never write the same rows.
 * <p>
 * A batch that fails (the database away, a replay only the database remembered) is retried one
 * heartbeat per transaction, so one bad heartbeat never costs the others theirs.
 */
@ApplicationScoped
public class HeartbeatWriter {

    private static final Logger LOG = Logger.getLogger(HeartbeatWriter.class.getName());
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int MAX_BATCH = 1_000;

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "paddock.telemetry.writers", defaultValue = "2")
    int lanes;

    private List<BlockingQueue<Write>> queues;
    private ExecutorService writer;
    private volatile boolean running;

    /** The state a session is left in by a heartbeat: written as absolute values (no read-modify-write). */
    record SessionState(UUID id, UUID installationId, UUID userId, Instant startedAt, Instant lastHeartbeatAt,
            Instant lastAcceptedAt, double lastSpeed, double lastRpm, int lastGear, int lastPosition,
            double lastSessionTime, int heartbeats, int staticHeartbeats) {
    }

    /** One snapshot row of telemetry_heartbeats. */
    record Snapshot(UUID id, Instant receivedAt, Instant clientTimestamp, double speed, double rpm, int gear,
            double lapTime, int position, double sessionTime, boolean isStatic) {
    }

    /** Everything one heartbeat stores; {@code done} completes once it is committed (or failed). */
    record Write(String signature, UUID installationId, Instant seenAt, boolean markSeen, UUID endedStaleSession,
            boolean newSession, SessionState session, Snapshot snapshot, CompletableFuture<Void> done) {
    }

    /** A replay that only the database remembered (e.g. one sent again right after a restart). */
    static final class Replayed extends SQLException {
        private static final long serialVersionUID = 1L;
    }

    @PostConstruct
    void start() {
        int count = Math.max(1, Math.min(lanes, 8));
        List<BlockingQueue<Write>> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(new ArrayBlockingQueue<>(QUEUE_CAPACITY / count));
        }
        queues = List.copyOf(made);
        running = true;
        writer = Executors.newFixedThreadPool(count, threads);
        queues.forEach(queue -> writer.execute(() -> loop(queue)));
    }

    @PreDestroy
    void stop() {
        running = false;
        writer.shutdownNow();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Write> left = new ArrayList<>();
        queues.forEach(queue -> queue.drainTo(left));
        left.forEach(w -> w.done().completeExceptionally(unavailable("The server is shutting down.")));
    }

    /** Queues a heartbeat's writes; the future completes after commit. Refused at once when the queue is full. */
    CompletableFuture<Void> submit(Write write) {
        BlockingQueue<Write> queue = queues.get(Math.floorMod(write.installationId().hashCode(), queues.size()));
        if (!running || !queue.offer(write)) {
            write.done().completeExceptionally(unavailable("Too many heartbeats are waiting to be stored."));
        }
        return write.done();
    }

    private void loop(BlockingQueue<Write> queue) {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Write first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Heartbeat writer failed a batch", e);
                batch.forEach(w -> w.done().completeExceptionally(unavailable("Heartbeats could not be stored.")));
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<Write> batch) {
        List<Write> stored = List.copyOf(batch);
        try {
            transaction(stored);
            complete(stored, List.of());
        } catch (SQLException e) {
            if (!(e instanceof Replayed)) {
                LOG.log(Level.WARNING, "A batch of " + stored.size() + " heartbeats failed; storing them one by one", e);
            }
            List<Write> ok = new ArrayList<>();
            List<Map.Entry<Write, Throwable>> failed = new ArrayList<>();
            for (Write write : stored) {
                try {
                    transaction(List.of(write));
                    ok.add(write);
                } catch (Replayed r) {
                    failed.add(Map.entry(write, replayed()));
                } catch (SQLException | RuntimeException single) {
                    LOG.log(Level.WARNING, "A heartbeat of installation " + write.installationId() + " failed", single);
                    failed.add(Map.entry(write, unavailable("The heartbeat could not be stored.")));
                }
            }
            complete(ok, failed);
        }
    }

    private void complete(List<Write> ok, List<Map.Entry<Write, Throwable>> failed) {
        // The waiting request threads do the rest; completing only wakes them.
        ok.forEach(w -> w.done().complete(null));
        failed.forEach(f -> f.getKey().done().completeExceptionally(f.getValue()));
    }

    private void transaction(List<Write> writes) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                write(c, writes);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void write(Connection c, List<Write> writes) throws SQLException {
        try (PreparedStatement signatures = c.prepareStatement("INSERT INTO plugin_request_signatures "
                + "(signature, installation_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Write w : writes) {
                signatures.setString(1, w.signature());
                signatures.setObject(2, w.installationId());
                signatures.setObject(3, time(w.seenAt()));
                signatures.addBatch();
            }
            for (int count : signatures.executeBatch()) {
                if (count == 0) {
                    throw new Replayed();
                }
            }
        }
        Map<UUID, Write> lastOfSession = new LinkedHashMap<>();
        Map<UUID, Write> inserted = new HashMap<>();
        List<UUID> ended = new ArrayList<>();
        Map<UUID, Instant> seen = new LinkedHashMap<>();
        for (Write w : writes) {
            if (w.endedStaleSession() != null) {
                ended.add(w.endedStaleSession());
            }
            if (w.newSession()) {
                inserted.put(w.session().id(), w);
            }
            lastOfSession.put(w.session().id(), w);
            if (w.markSeen()) {
                seen.put(w.installationId(), w.seenAt());
            }
        }
        if (!ended.isEmpty()) {
            try (PreparedStatement end = c.prepareStatement(
                    "UPDATE telemetry_sessions SET ended_stale = true WHERE id = ?")) {
                for (UUID id : ended) {
                    end.setObject(1, id);
                    end.addBatch();
                }
                end.executeBatch();
            }
        }
        if (!inserted.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO telemetry_sessions (id, installation_id, "
                    + "user_id, started_at, last_heartbeat_at, last_accepted_at, last_speed, last_rpm, last_gear, "
                    + "last_position, last_session_time, heartbeats, static_heartbeats) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Write w : inserted.values()) {
                    SessionState s = w.session();
                    insert.setObject(1, s.id());
                    insert.setObject(2, s.installationId());
                    insert.setObject(3, s.userId());
                    insert.setObject(4, time(s.startedAt()));
                    bindState(insert, 5, s);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        List<SessionState> updates = new ArrayList<>();
        lastOfSession.forEach((id, last) -> {
            if (inserted.get(id) != last) {
                updates.add(last.session());
            }
        });
        if (!updates.isEmpty()) {
            // The heartbeat columns belong to this path; no @Version bump, so a result submitted meanwhile
            // (which writes only result_submitted) does not conflict with a heartbeat.
            try (PreparedStatement update = c.prepareStatement("UPDATE telemetry_sessions SET last_heartbeat_at = ?, "
                    + "last_accepted_at = ?, last_speed = ?, last_rpm = ?, last_gear = ?, last_position = ?, "
                    + "last_session_time = ?, heartbeats = ?, static_heartbeats = ? WHERE id = ?")) {
                for (SessionState s : updates) {
                    bindState(update, 1, s);
                    update.setObject(10, s.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        try (PreparedStatement snapshots = c.prepareStatement("INSERT INTO telemetry_heartbeats (id, session_id, "
                + "received_at, client_timestamp, speed, rpm, gear, lap_time, position, session_time, static_telemetry) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Write w : writes) {
                Snapshot s = w.snapshot();
                snapshots.setObject(1, s.id());
                snapshots.setObject(2, w.session().id());
                snapshots.setObject(3, time(s.receivedAt()));
                if (s.clientTimestamp() == null) {
                    snapshots.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    snapshots.setObject(4, time(s.clientTimestamp()));
                }
                snapshots.setDouble(5, s.speed());
                snapshots.setDouble(6, s.rpm());
                snapshots.setInt(7, s.gear());
                snapshots.setDouble(8, s.lapTime());
                snapshots.setInt(9, s.position());
                snapshots.setDouble(10, s.sessionTime());
                snapshots.setBoolean(11, s.isStatic());
                snapshots.addBatch();
            }
            snapshots.executeBatch();
        }
        if (!seen.isEmpty()) {
            try (PreparedStatement mark = c.prepareStatement(
                    "UPDATE plugin_installations SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")) {
                for (Map.Entry<UUID, Instant> e : seen.entrySet()) {
                    mark.setObject(1, time(e.getValue()));
                    mark.setObject(2, e.getKey());
                    mark.setObject(3, time(e.getValue()));
                    mark.addBatch();
                }
                mark.executeBatch();
            }
        }
    }

    private static void bindState(PreparedStatement s, int from, SessionState state) throws SQLException {
        s.setObject(from, time(state.lastHeartbeatAt()));
        if (state.lastAcceptedAt() == null) {
            s.setNull(from + 1, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(from + 1, time(state.lastAcceptedAt()));
        }
        s.setDouble(from + 2, state.lastSpeed());
        s.setDouble(from + 3, state.lastRpm());
        s.setInt(from + 4, state.lastGear());
        s.setInt(from + 5, state.lastPosition());
        s.setDouble(from + 6, state.lastSessionTime());
        s.setInt(from + 7, state.heartbeats());
        s.setInt(from + 8, state.staticHeartbeats());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static UnauthenticatedException replayed() {
        return new UnauthenticatedException("request-replayed", "Request replayed",
                "This exact signed request was already received; sign every request with a new timestamp.");
    }

    static ServiceUnavailableException unavailable(String detail) {
        return new ServiceUnavailableException("heartbeat-not-stored", detail + " Nothing was stored; send the "
                + "heartbeat again, signed anew.", 1);
    }

}
