package io.paddock.transfers.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.persistence.PaddockDataSource;

/**
 * The engines' work queue in PostgreSQL ({@code transfer_queue}): a job has a row while an engine has
 * work on it. A node takes READY rows whose time has come with one statement that locks them
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers (threads or nodes) never get the same row and
 * never wait on each other; the row then names the node until the job leaves the engine, fails or the
 * node is declared dead. A failed attempt goes back to READY after a backoff (doubling from
 * {@code paddock.transfers.queue.retry-base} up to {@code retry-max}); the last of
 * {@code max-attempts} makes the row DEAD, the dead-letter queue, with the last error.
 *
 * <p>Rows follow the job's {@link EngineCommand}s in the deciding transaction: START makes the job
 * READY at once, STOP and DISCARD remove it. Times are the application's clock.
 */
@ApplicationScoped
@Transactional
public class JobQueue {

    /**
     * Claims up to ? READY rows due by ?: parameters due by, limit, node, node, claimed at. The pick is a
     * materialized CTE so it runs once: as an {@code IN (subquery)} PostgreSQL may run it again for
     * each row, each time skipping the rows the statement already updated, and so claim past the limit.
     */
    public static final String CLAIM = "WITH picked AS MATERIALIZED (SELECT job_id FROM transfer_queue"
            + " WHERE state = 'READY' AND run_after <= ? ORDER BY run_after, enqueued_at LIMIT ?"
            + " FOR UPDATE SKIP LOCKED)"
            + " UPDATE transfer_queue q SET state = 'CLAIMED', claimed_by = ?, last_node = ?, claimed_at = ?,"
            + " claims = claims + 1 FROM picked WHERE q.job_id = picked.job_id RETURNING q.job_id";

    private static final String ENQUEUE = "INSERT INTO transfer_queue (job_id, state, attempts, run_after, enqueued_at)"
            + " VALUES (?1, 'READY', 0, ?2, ?2) ON CONFLICT (job_id) DO UPDATE SET state = 'READY', attempts = 0,"
            + " run_after = EXCLUDED.run_after, enqueued_at = EXCLUDED.enqueued_at, claimed_by = NULL,"
            + " dead_at = NULL";

    /** What became of a failed attempt. */
    public enum Outcome {
        /** Tried again after the backoff. */
        RETRY,
        /** Out of attempts: dead-lettered. */
        DEAD,
        /** The job had no row (it was not the queue's to retry): it simply fails. */
        FAIL
    }

    /** A dead-lettered job: attempts made, the last error, when it died. */
    public record DeadLetter(UUID jobId, int attempts, String lastError, Instant deadAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "paddock.transfers.queue.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "paddock.transfers.queue.retry-base", defaultValue = "PT15S")
    Duration retryBase;

    @Inject
    @ConfigProperty(name = "paddock.transfers.queue.retry-max", defaultValue = "PT10M")
    Duration retryMax;

    /** In the transaction that decided it: a started job is READY, a stopped or discarded one leaves. */
    void follow(@Observes EngineCommand command) {
        switch (command.action()) {
            case START -> enqueue(command.jobId());
            case STOP, DISCARD -> remove(command.jobId());
            case UPLOAD -> { } // the node that downloaded uploads under the same claim
        }
    }

    /** Makes the job READY now with its attempts reset (a new job, a resume, a replay). */
    public void enqueue(UUID jobId) {
        em.flush(); // the row references the job, which may not have been written yet
        em.createNativeQuery(ENQUEUE).setParameter(1, jobId).setParameter(2, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    /** The job left the engine (finished, paused, cancelled): its row goes. */
    public void remove(UUID jobId) {
        em.createNativeQuery("DELETE FROM transfer_queue WHERE job_id = ?1").setParameter(1, jobId).executeUpdate();
    }

    /**
     * An attempt failed with {@code error}: READY again after the backoff, or DEAD after the last
     * attempt. A row not claimed (already requeued, dead, absent) is left as it is: {@link Outcome#FAIL}
     * only when there is no row at all.
     */
    public Outcome failed(UUID jobId, String error) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT state, attempts FROM transfer_queue WHERE job_id = ?1"
                + " FOR UPDATE").setParameter(1, jobId).getResultList();
        if (rows.isEmpty()) {
            return Outcome.FAIL;
        }
        String state = (String) rows.get(0)[0];
        int attempts = ((Number) rows.get(0)[1]).intValue() + 1;
        if ("DEAD".equals(state)) {
            return Outcome.DEAD;
        }
        Instant now = clock.instant();
        String message = error == null ? "Unknown failure" : error.length() > 1000 ? error.substring(0, 1000) : error;
        if (attempts >= maxAttempts) {
            em.createNativeQuery("UPDATE transfer_queue SET state = 'DEAD', attempts = ?2, last_error = ?3,"
                    + " dead_at = ?4, claimed_by = NULL WHERE job_id = ?1").setParameter(1, jobId)
                    .setParameter(2, attempts).setParameter(3, message).setParameter(4, Timestamp.from(now))
                    .executeUpdate();
            return Outcome.DEAD;
        }
        em.createNativeQuery("UPDATE transfer_queue SET state = 'READY', attempts = ?2, last_error = ?3,"
                + " run_after = ?4, enqueued_at = ?5, claimed_by = NULL WHERE job_id = ?1")
                .setParameter(1, jobId).setParameter(2, attempts).setParameter(3, message)
                .setParameter(4, Timestamp.from(now.plus(backoff(attempts)))).setParameter(5, Timestamp.from(now))
                .executeUpdate();
        return Outcome.RETRY;
    }

    /** The wait after the {@code failures}-th failed attempt: the base, doubled each time, at most the maximum. */
    public Duration backoff(int failures) {
        return backoff(retryBase, retryMax, failures);
    }

    static Duration backoff(Duration base, Duration max, int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Claims up to {@code limit} due jobs for {@code node}, in their own transaction (one statement). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<UUID> claim(String node, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return claim(c, node, limit, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim transfer jobs: " + e.getMessage(), e);
        }
    }

    /** The claiming statement on a connection of the caller's (autocommit): the ids this node now holds. */
    public static List<UUID> claim(Connection c, String node, int limit, Instant now) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
            Timestamp at = Timestamp.from(now);
            claim.setTimestamp(1, at);
            claim.setInt(2, limit);
            claim.setString(3, node);
            claim.setString(4, node);
            claim.setTimestamp(5, at);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** The jobs {@code node} holds now. */
    public List<UUID> claimedBy(String node) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT job_id FROM transfer_queue WHERE state = 'CLAIMED'"
                + " AND claimed_by = ?1").setParameter(1, node).getResultList();
        return ids.stream().map(JobQueue::uuid).toList();
    }

    /**
     * Everything {@code node} holds goes back to READY at once, attempts unchanged (the node restarted or
     * died: not the job's fault). Answers how many.
     */
    public int release(String node) {
        return em.createNativeQuery("UPDATE transfer_queue SET state = 'READY', claimed_by = NULL,"
                + " run_after = ?2, enqueued_at = ?2 WHERE state = 'CLAIMED' AND claimed_by = ?1").setParameter(1, node)
                .setParameter(2, Timestamp.from(clock.instant())).executeUpdate();
    }

    /** Running or uploading jobs without a row (none unless rows were lost) get one. */
    public int adoptOrphans() {
        return em.createNativeQuery("INSERT INTO transfer_queue (job_id, state, run_after, enqueued_at)"
                + " SELECT id, 'READY', ?1, ?1 FROM transfer_jobs j WHERE j.state IN ('SUBMITTED', 'METADATA_FETCH',"
                + " 'QUEUED', 'DOWNLOADING', 'UPLOADING') AND NOT EXISTS (SELECT 1 FROM transfer_queue q"
                + " WHERE q.job_id = j.id)").setParameter(1, Timestamp.from(clock.instant())).executeUpdate();
    }

    /** A page of the dead-letter queue, most recent first. */
    public List<DeadLetter> deadLetters(int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT job_id, attempts, last_error, dead_at FROM transfer_queue"
                + " WHERE state = 'DEAD' ORDER BY dead_at DESC, job_id").setFirstResult(page * size)
                .setMaxResults(size).getResultList();
        return rows.stream().map(r -> new DeadLetter(uuid(r[0]), ((Number) r[1]).intValue(), (String) r[2],
                instant(r[3]))).toList();
    }

    public long deadLetterCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM transfer_queue WHERE state = 'DEAD'")
                .getSingleResult()).longValue();
    }

    /** Whether the job is in the dead-letter queue (locks its row for the caller's transaction). */
    public boolean dead(UUID jobId) {
        return !em.createNativeQuery("SELECT 1 FROM transfer_queue WHERE job_id = ?1 AND state = 'DEAD' FOR UPDATE")
                .setParameter(1, jobId).getResultList().isEmpty();
    }

    static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
