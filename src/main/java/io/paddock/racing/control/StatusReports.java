package io.paddock.racing.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.platform.persistence.PaddockDataSource;
import io.paddock.racing.entity.ParticipantStatus;
import io.paddock.racing.entity.RaceStatus;

/**
 * Group commit for the mods' status reports, the racing hot path (every mod, about once a second).
 * A mod's thread queues its report and waits; one writer thread takes everything queued and applies
 * it in one transaction with one statement, whose conditions are the rules {@code Participant.report}
 * enforces (the race runs, the participant still plays or is about to, IGT and layer never go back),
 * and whose {@code RETURNING} rows are the participants as they now stand. Each waiting thread then
 * announces its participant's progress; the whole change is committed before anything is broadcast,
 * as on the transactional path, at one commit per batch instead of one per report.
 * <p>
 * A report the statement did not apply (a rule refused it, the participant was removed, the batch
 * failed) comes back empty and its caller runs it through {@link ModActions#status} in a transaction
 * of its own, which stores it or refuses it with the precise reason, so a refusal reads as before.
 * <p>
 * A mod's thread waits for its report to be stored before it reads that socket's next message, so a
 * mod's messages keep their order (a zone entry never overtakes the status sent before it).
 */
@ApplicationScoped
public class StatusReports {

    private static final Logger LOG = Logger.getLogger(StatusReports.class.getName());
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int MAX_BATCH = 500;
    private static final long WAIT_SECONDS = 10;

    static final String APPLY = "UPDATE participants p SET "
            + "status = 'PLAYING', "
            + "last_progress_at = CASE WHEN v.igt <> p.igt_ms OR p.last_progress_at IS NULL THEN ? "
            + "ELSE p.last_progress_at END, "
            + "igt_ms = v.igt, "
            + "current_zone = COALESCE(v.zone, p.current_zone), "
            + "layer_entry_igt = CASE WHEN v.layer > p.current_layer THEN v.igt ELSE p.layer_entry_igt END, "
            + "current_layer = GREATEST(p.current_layer, COALESCE(v.layer, p.current_layer)), "
            + "death_count = COALESCE(v.deaths, p.death_count), "
            + "version = p.version + 1 "
            + "FROM unnest(?::uuid[], ?::int8[], ?::text[], ?::int4[], ?::int4[]) AS v(id, igt, zone, layer, deaths), "
            + "races r "
            + "WHERE p.id = v.id AND r.id = p.race_id AND r.status = 'RUNNING' "
            + "AND p.status IN ('REGISTERED', 'READY', 'PLAYING') "
            + "AND v.igt >= p.igt_ms AND (v.layer IS NULL OR v.layer >= p.current_layer) "
            + "AND (v.deaths IS NULL OR v.deaths >= 0) "
            + "RETURNING p.id, p.twitch_username, p.twitch_display_name, p.status, p.current_zone, p.current_layer, "
            + "p.igt_ms, p.death_count, p.color_index, p.layer_entry_igt, p.version, p.zone_count, "
            + "r.id, r.name, r.status, r.scheduled_start, r.started_at, r.finished_at";

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    java.time.Clock clock;

    @Inject
    RaceSnapshots snapshots;

    private BlockingQueue<Report> queue;
    private ExecutorService writer;
    private volatile boolean running;

    /** What the statement left: the participant's progress view and its race's header. */
    public record Stored(RaceInfo race, ParticipantView view) {
    }

    /** One mod's report; {@code done} completes with what was stored, or empty when it was not applied. */
    record Report(UUID participantId, long igt, String zone, Integer layer, Integer deaths,
            CompletableFuture<Optional<Stored>> done) {
    }

    @PostConstruct
    void start() {
        queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        running = true;
        writer = Executors.newSingleThreadExecutor(threads);
        writer.execute(this::loop);
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
        List<Report> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(r -> r.done().complete(Optional.empty()));
    }

    /**
     * Stores a status report and announces the participant's progress after commit. Returns false when
     * the report was not applied here (refused by a rule, or not storable now): the caller then runs
     * {@link ModActions#status}, which stores it or throws the reason.
     */
    public boolean report(UUID participantId, long igt, String zone, Integer layer, Integer deaths) {
        Report report = new Report(participantId, igt, zone, layer, deaths, new CompletableFuture<>());
        if (!running || !queue.offer(report)) {
            return false;
        }
        Optional<Stored> stored;
        try {
            stored = report.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            // Still queued or being written: the transactional path must not race it. The mod hears what
            // it hears of any update that could not be saved (sending it again is harmless).
            throw new io.paddock.racing.entity.RaceConflict("concurrent-update", "Not saved",
                    "The update could not be saved; send it again.");
        }
        stored.ifPresent(s -> snapshots.progressed(s.race(), s.view()));
        return stored.isPresent();
    }

    private void loop() {
        List<Report> batch = new ArrayList<>(MAX_BATCH);
        List<Report> later = new ArrayList<>();
        while (running) {
            try {
                if (later.isEmpty()) {
                    Report first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    later.add(first);
                }
                queue.drainTo(later, MAX_BATCH);
                // One report per participant per statement: a second one waits for the next batch, so
                // each is checked against the state the first left.
                Set<UUID> taken = new HashSet<>();
                List<Report> next = new ArrayList<>();
                for (Report r : later) {
                    if (batch.size() < MAX_BATCH && taken.add(r.participantId())) {
                        batch.add(r);
                    } else {
                        next.add(r);
                    }
                }
                later = next;
                apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Status writer failed a batch", e);
                batch.forEach(r -> r.done().complete(Optional.empty()));
            } finally {
                batch.clear();
            }
        }
    }

    private void apply(List<Report> batch) {
        Map<UUID, Stored> stored;
        try {
            stored = transaction(batch);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " status reports failed; each goes the transactional way", e);
            stored = Map.of();
        }
        for (Report r : batch) {
            r.done().complete(Optional.ofNullable(stored.get(r.participantId())));
        }
    }

    private Map<UUID, Stored> transaction(List<Report> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<UUID, Stored> stored = write(c, batch);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Map<UUID, Stored> write(Connection c, List<Report> batch) throws SQLException {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        Long[] igts = new Long[n];
        String[] zones = new String[n];
        Integer[] layers = new Integer[n];
        Integer[] deaths = new Integer[n];
        for (int i = 0; i < n; i++) {
            Report r = batch.get(i);
            ids[i] = r.participantId();
            igts[i] = r.igt();
            zones[i] = r.zone();
            layers[i] = r.layer();
            deaths[i] = r.deaths();
        }
        Map<UUID, Stored> stored = new HashMap<>();
        try (PreparedStatement apply = c.prepareStatement(APPLY)) {
            apply.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            Array[] arrays = { c.createArrayOf("uuid", ids), c.createArrayOf("int8", igts),
                    c.createArrayOf("text", zones), c.createArrayOf("int4", layers), c.createArrayOf("int4", deaths) };
            for (int i = 0; i < arrays.length; i++) {
                apply.setArray(2 + i, arrays[i]);
            }
            try (ResultSet rows = apply.executeQuery()) {
                while (rows.next()) {
                    Stored s = stored(rows);
                    stored.put(s.view().id(), s);
                }
            }
        }
        return stored;
    }

    private static Stored stored(ResultSet row) throws SQLException {
        Long layerEntry = row.getObject(10) == null ? null : row.getLong(10);
        ParticipantView view = new ParticipantView(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                ParticipantStatus.valueOf(row.getString(4)).wire(), row.getString(5), row.getInt(6), row.getLong(7),
                row.getInt(8), row.getInt(9), false, null, null, layerEntry, row.getLong(11), row.getInt(12), null);
        RaceInfo race = new RaceInfo(row.getObject(13, UUID.class), row.getString(14),
                RaceStatus.valueOf(row.getString(15)).wire(), instant(row, 16), instant(row, 17), instant(row, 18));
        return new Stored(race, view);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime t = row.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
