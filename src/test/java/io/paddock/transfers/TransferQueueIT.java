package io.paddock.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.TestDatabase;
import io.paddock.transfers.control.JobQueue;

/**
 * The transfer queue and its worker nodes: concurrent claimers on the real claiming statement never
 * share a job and lose none; a failing job is retried after a doubling backoff (the test clock moves
 * it), dead-lettered with its last error after the fifth attempt and replayed by an admin; a node that
 * stops heartbeating is declared dead and its job resumes on this node; cordon and drain.
 */
@PaddockIT
class TransferQueueIT extends TransfersBlackBox {

    static final String REASON = "{\"reason\":\"Queue maintenance during the test\",\"ticketId\":\"OPS-42\"}";

    Instant clockNow() {
        return Instant.parse(http().send("POST", "api/test-support/clock/advance?seconds=0", null, null).json().asText());
    }

    void advance(long seconds) {
        assertEquals(200, http().send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null).status());
    }

    /** Submits the magnet, which must be accepted; answers the new job's id. */
    String newJob(JsonNode user, String magnet) {
        Reply reply = submitMagnet(user, magnet);
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("id").asText();
    }

    /** The job's queue row: state, attempts, run_after, claimed_by, last_error (null when it has none). */
    static Map<String, Object> queueRow(String jobId) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT state, attempts, run_after, claimed_by, last_error FROM transfer_queue WHERE job_id = ?")) {
            s.setObject(1, UUID.fromString(jobId));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new HashMap<>();
                row.put("state", rs.getString(1));
                row.put("attempts", rs.getInt(2));
                row.put("run_after", rs.getTimestamp(3).toInstant());
                row.put("claimed_by", rs.getString(4));
                row.put("last_error", rs.getString(5));
                return row;
            }
        }
    }

    static void sql(String statement, Object... parameters) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    static String randomHash() {
        return UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    @Test
    void concurrentClaimersNeverShareAJobAndLoseNone() throws Exception {
        JsonNode user = http().newUser("user");
        UUID owner = UUID.fromString(user.path("userId").asText());
        int jobs = 600;
        int claimers = 8;
        // Due in the far future: the server's own worker (real time) never sees these rows; the claimers do.
        Instant due = Instant.parse("2100-01-01T00:00:00Z");
        Set<UUID> inserted = new HashSet<>();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement job = c.prepareStatement("INSERT INTO transfer_jobs (id, owner_id, info_hash, name,"
                    + " source, magnet, state, created_at, updated_at) VALUES (?, ?, ?, 'stand-in', 'MAGNET', 'magnet:',"
                    + " 'SUBMITTED', now(), now())");
                    PreparedStatement row = c.prepareStatement("INSERT INTO transfer_queue (job_id, state, run_after,"
                            + " enqueued_at) VALUES (?, 'READY', ?, ?)")) {
                for (int i = 0; i < jobs; i++) {
                    UUID id = UUID.randomUUID();
                    inserted.add(id);
                    job.setObject(1, id);
                    job.setObject(2, owner);
                    job.setString(3, randomHash());
                    job.addBatch();
                    row.setObject(1, id);
                    row.setTimestamp(2, Timestamp.from(due.plusMillis(i)));
                    row.setTimestamp(3, Timestamp.from(due));
                    row.addBatch();
                }
                job.executeBatch();
                row.executeBatch();
            }
            c.commit();
        }
        try {
            ExecutorService pool = Executors.newFixedThreadPool(claimers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int t = 0; t < claimers; t++) {
                String node = "claimer-" + t;
                results.add(pool.submit((Callable<List<UUID>>) () -> {
                    List<UUID> mine = new ArrayList<>();
                    try (Connection c = TestDatabase.connect()) {
                        go.await();
                        Instant now = due.plus(Duration.ofDays(1));
                        List<UUID> batch;
                        do {
                            int limit = 1 + mine.size() % 5;
                            batch = JobQueue.claim(c, node, limit, now);
                            if (batch.size() > limit) {
                                throw new AssertionError(node + " claimed " + batch.size() + " jobs, limit " + limit);
                            }
                            mine.addAll(batch);
                        } while (!batch.isEmpty());
                    }
                    return mine;
                }));
            }
            go.countDown();
            Map<UUID, String> claimedBy = new HashMap<>();
            int total = 0;
            for (int t = 0; t < claimers; t++) {
                for (UUID id : results.get(t).get()) {
                    total++;
                    String earlier = claimedBy.put(id, "claimer-" + t);
                    assertEquals(null, earlier, "job " + id + " claimed twice");
                }
            }
            pool.shutdown();
            assertEquals(jobs, total, "claims");
            assertEquals(inserted, claimedBy.keySet(), "every job claimed once");
            long busy = results.stream().filter(f -> {
                try {
                    return !f.get().isEmpty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertTrue(busy > 1, "the claimers shared the work: " + busy);
            // The database agrees: each row is held by the claimer that got it.
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT job_id, state, claimed_by FROM transfer_queue"
                            + " WHERE run_after >= '2100-01-01'")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    UUID id = rs.getObject(1, UUID.class);
                    assertEquals("CLAIMED", rs.getString(2));
                    assertEquals(claimedBy.get(id), rs.getString(3), "holder of " + id);
                }
                assertEquals(jobs, rows);
            }
        } finally {
            sql("DELETE FROM transfer_jobs WHERE owner_id = ?", owner);
        }
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenDeadLetteredAndReplayed() throws Exception {
        JsonNode user = http().newUser("user");
        JsonNode support = http().newUser("support");
        JsonNode admin = http().newUser("admin");
        // No peer ever answers: the engine works on the metadata until the test reports a failure.
        String jobId = newJob(user, "magnet:?xt=urn:btih:" + randomHash() + "&x.pe=127.0.0.1:9");
        awaitJob(user, jobId, state("metadata_fetch"));
        String node = (String) queueRow(jobId).get("claimed_by");
        assertTrue(node != null && !node.isBlank(), "claimed by this node");

        long[] backoffs = {15, 30, 60, 120};
        for (int attempt = 1; attempt <= 5; attempt++) {
            Instant failedAt = clockNow();
            Reply failure = http().send("POST", "api/test-support/transfers/jobs/" + jobId
                    + "/engine-failure?reason=Tracker%20unreachable%20" + attempt, null, null);
            assertEquals(200, failure.status(), failure.body());
            Map<String, Object> row = queueRow(jobId);
            assertEquals(attempt, row.get("attempts"), "attempts after failure " + attempt);
            assertEquals("Tracker unreachable " + attempt, row.get("last_error"));
            if (attempt == 5) {
                assertEquals("DEAD", row.get("state"));
                JsonNode failed = job(user, jobId);
                assertEquals("failed", failed.path("state").asText());
                assertEquals("Tracker unreachable 5", failed.path("failure").asText());
                break;
            }
            long wait = backoffs[attempt - 1];
            assertEquals("READY", row.get("state"));
            // The database keeps microseconds.
            long offBy = Math.abs(Duration.between(failedAt.plusSeconds(wait), (Instant) row.get("run_after")).toNanos());
            assertTrue(offBy < 1_000_000, "backoff after failure " + attempt + ": " + row.get("run_after"));
            assertEquals("submitted", job(user, jobId).path("state").asText());
            // Not before its time: a second short of the backoff, nobody claims it.
            advance(wait - 1);
            Thread.sleep(2500);
            assertEquals("READY", queueRow(jobId).get("state"), "claimed early after failure " + attempt);
            advance(1);
            awaitJob(user, jobId, state("metadata_fetch"));
            assertEquals("CLAIMED", queueRow(jobId).get("state"));
        }

        // The dead-letter queue shows it (support and up), with the attempts and the last error.
        Reply page = http().get("api/admin/dlq?page=0&size=100", auth(support));
        assertEquals(200, page.status(), page.body());
        JsonNode letter = null;
        for (JsonNode item : page.json().path("items")) {
            if (item.path("jobId").asText().equals(jobId)) {
                letter = item;
            }
        }
        assertTrue(letter != null, page.body());
        assertEquals(5, letter.path("attempts").asInt());
        assertEquals("Tracker unreachable 5", letter.path("lastError").asText());
        assertTrue(page.json().path("total").asLong() >= 1);
        Problems.assertProblem(http().get("api/admin/dlq", auth(user)), 403, "/problems/forbidden");

        // Replay: admin only, with a reason and a ticket; audited; the job starts over.
        String path = "api/admin/dlq/" + jobId + "/replay";
        Problems.assertProblem(http().send("POST", path, "application/json", REASON, auth(support)), 403,
                "/problems/forbidden");
        Problems.assertProblem(http().send("POST", path, "application/json", "{\"reason\":\"short\",\"ticketId\":\"X\"}",
                auth(admin)), 400, "/problems/validation");
        Reply replayed = http().send("POST", path, "application/json", REASON, auth(admin));
        assertEquals(200, replayed.status(), replayed.body());
        assertEquals("submitted", replayed.json().path("job").path("state").asText());
        awaitJob(user, jobId, state("metadata_fetch"));
        Map<String, Object> row = queueRow(jobId);
        assertEquals("CLAIMED", row.get("state"));
        assertEquals(0, row.get("attempts"));
        Problems.assertProblem(http().send("POST", path, "application/json", REASON, auth(admin)), 404,
                "/problems/dead-letter-not-found");
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT reason, ticket_id FROM audit_log WHERE action = 'transfers.dlq.replay' AND target_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "audited");
                assertEquals("OPS-42", rs.getString(2));
            }
        }
        assertEquals(204, http().send("DELETE", "api/jobs/" + jobId, null, null, auth(user)).status());
        assertEquals(null, queueRow(jobId));
    }

    JsonNode nodes(JsonNode staff) {
        Reply reply = http().get("api/admin/transfers/nodes", auth(staff));
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    static JsonNode node(JsonNode nodes, String id) {
        for (JsonNode n : nodes) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        return null;
    }

    JsonNode nodeAction(JsonNode admin, String node, String action) {
        Reply reply = http().send("POST", "api/admin/transfers/nodes/" + node + "/" + action, "application/json",
                REASON, auth(admin));
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    JsonNode awaitNode(JsonNode admin, String node, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode n;
        do {
            n = node(nodes(admin), node);
            if (n != null && n.path("status").asText().equals(status)) {
                return n;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("Node " + node + " never got " + status + ": " + n);
    }

    @Test
    void aDeadNodesJobResumesHereAndCordonAndDrainStopNewWork() throws Exception {
        JsonNode user = http().newUser("user");
        JsonNode admin = http().newUser("admin");
        JsonNode support = http().newUser("support");
        // This node registered itself and heartbeats.
        JsonNode all = nodes(support);
        assertTrue(all.size() >= 1, all.toString());
        JsonNode self = all.get(0);
        String me = self.path("id").asText();
        assertEquals("active", self.path("status").asText(), all.toString());
        assertEquals(20, self.path("maxJobs").asInt());
        assertTrue(self.path("diskFreeBytes").asLong() > 0, self.toString());
        assertFalse(self.path("version").asText().isBlank());
        Problems.assertProblem(http().send("POST", "api/admin/transfers/nodes/" + me + "/cordon", "application/json",
                REASON, auth(support)), 403, "/problems/forbidden");
        Problems.assertProblem(http().send("POST", "api/admin/transfers/nodes/nowhere/cordon", "application/json",
                REASON, auth(admin)), 404, "/problems/node-not-found");
        // Cordon, drain and uncordon are one endpoint; any other last segment names nothing.
        Problems.assertProblem(http().send("POST", "api/admin/transfers/nodes/" + me + "/reboot", "application/json",
                REASON, auth(admin)), 404, "/problems/not-found");

        try {
            // A one-file torrent by magnet here (a single-file torrent); the drained one below has two files.
            try (LoopbackSeeder seeder = new LoopbackSeeder("fleet", new String[] {"a.bin"},
                    new int[] {2 * LoopbackSeeder.PIECE + 77}, 11).start()) {
                // Cordoned, this node claims nothing new.
                assertEquals("cordoned", nodeAction(admin, me, "cordon").path("status").asText());
                String jobId = newJob(user, seeder.magnet());
                Thread.sleep(2500);
                assertEquals("READY", queueRow(jobId).get("state"));
                assertEquals("submitted", job(user, jobId).path("state").asText());

                // Another node ("ghost") took the job and then went silent.
                Instant now = clockNow();
                sql("INSERT INTO transfer_nodes (id, status, max_jobs, app_version, registered_at, heartbeat_at,"
                        + " status_changed_at) VALUES ('ghost', 'ACTIVE', 4, 'old', ?, ?, ?)", Timestamp.from(now),
                        Timestamp.from(now), Timestamp.from(now));
                sql("UPDATE transfer_queue SET state = 'CLAIMED', claimed_by = 'ghost', claimed_at = ? WHERE job_id = ?",
                        Timestamp.from(now), UUID.fromString(jobId));
                assertEquals("active", nodeAction(admin, me, "uncordon").path("status").asText());
                Thread.sleep(2500);
                assertEquals("ghost", queueRow(jobId).get("claimed_by"), "the ghost's job stays its own while it lives");

                // Silent past the dead-after time (1 minute): declared dead, its job resumes here.
                advance(61);
                awaitNode(admin, "ghost", "dead");
                JsonNode done = awaitJob(user, jobId, state("completed"));
                assertEquals(seeder.size(), done.path("bytesTotal").asLong());
                assertEquals(null, queueRow(jobId), "a finished job leaves the queue");
                Problems.assertProblem(http().send("POST", "api/admin/transfers/nodes/ghost/cordon", "application/json",
                        REASON, auth(admin)), 409, "/problems/node-state");
            }

            // Drain: the job this node holds goes on, nothing new is claimed; once it holds nothing it is drained.
            String held = newJob(user, "magnet:?xt=urn:btih:" + randomHash() + "&x.pe=127.0.0.1:9");
            awaitJob(user, held, state("metadata_fetch"));
            assertEquals("draining", nodeAction(admin, me, "drain").path("status").asText());
            try (LoopbackSeeder second = new LoopbackSeeder("drained", new String[] {"c.bin", "d.txt"},
                    new int[] {LoopbackSeeder.PIECE + 5, 30_000}, 12).start()) {
                String waiting = newJob(user, second.magnet());
                Thread.sleep(2500);
                assertEquals("READY", queueRow(waiting).get("state"), "a draining node claims nothing");
                assertEquals("metadata_fetch", job(user, held).path("state").asText(), "its own job goes on");
                assertEquals("draining", node(nodes(admin), me).path("status").asText());
                assertEquals(200, http().send("POST", "api/jobs/" + held + "/pause", null, null, auth(user)).status());
                awaitNode(admin, me, "drained");
                assertEquals("READY", queueRow(waiting).get("state"));

                // Back in service: the waiting job runs.
                assertEquals("active", nodeAction(admin, me, "uncordon").path("status").asText());
                awaitJob(user, waiting, state("completed"));
            }
        } finally {
            http().send("POST", "api/admin/transfers/nodes/" + me + "/uncordon", "application/json", REASON, auth(admin));
            sql("DELETE FROM transfer_nodes WHERE id = 'ghost'");
        }
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE action LIKE 'transfers.node.%' AND target_id = ?")) {
            s.setString(1, me);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertTrue(rs.getInt(1) >= 4, "cordon, uncordon, drain, uncordon audited: " + rs.getInt(1));
            }
        }
    }
}
