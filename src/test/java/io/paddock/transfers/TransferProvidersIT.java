package io.paddock.transfers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;
import io.paddock.testing.FakeSeedr;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: the provider switch (reason, ticket, version, history, audit), a magnet downloaded through the
 * Seedr stand-in into Paddock's storage and served byte for byte, a job running on the built-in engine that
 * finishes there although Seedr became the active provider (and the engine restarted meanwhile), and a
 * Seedr that does not answer failing the job with a clear reason instead of hanging, and a cancelled Seedr job
 * removed on Seedr.
 */
@PaddockIT
class TransferProvidersIT extends TransfersBlackBox {

    Reply switchTo(JsonNode admin, String provider, long version, String reason, String ticket) {
        return http().send("PUT", "api/admin/transfers/provider", "application/json",
                "{\"provider\":\"" + provider + "\",\"version\":" + version + ",\"reason\":"
                        + Json.mapper().valueToTree(reason) + ",\"ticketId\":\"" + ticket + "\"}", auth(admin));
    }

    /** Makes {@code provider} active (whatever a test before left); answers the switch's reply or the current view. */
    JsonNode ensure(JsonNode admin, String provider) {
        JsonNode now = http().get("api/admin/transfers/provider", auth(admin)).json();
        if (now.path("provider").asText().equals(provider)) {
            return now;
        }
        Reply r = switchTo(admin, provider, now.path("version").asLong(), "Test set-up needs " + provider, "TEST-1");
        assertEquals(200, r.status(), r.body());
        return r.json().path("active");
    }

    /** The job's queue row once {@code done} holds of it (TransferQueueIT reads it). */
    static java.util.Map<String, Object> awaitQueueRow(String jobId,
            Predicate<java.util.Map<String, Object>> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        java.util.Map<String, Object> row = TransferQueueIT.queueRow(jobId);
        while ((row == null || !done.test(row)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            row = TransferQueueIT.queueRow(jobId);
        }
        assertTrue(row != null && done.test(row), "the queue row never got there: " + row);
        return row;
    }

    static String randomHash(long seed) {
        byte[] bytes = new byte[20];
        new Random(seed).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void anAdminSwitchesToSeedrWithAReasonAndAMagnetComesBackThroughSeedrIntoPaddocksStorage() throws Exception {
        JsonNode admin = http().newUser("admin");
        JsonNode start = ensure(admin, "builtin");
        long version = start.path("version").asLong();
        assertTrue(start.path("providers").toString().contains("{\"name\":\"seedr\",\"configured\":true}"),
                start.toString());

        // Refusals: no reason or a short one, no ticket, an unknown provider, a stale version, no change.
        Problems.assertProblem(switchTo(admin, "seedr", version, "too short", "OPS-1"), 400, "/problems/validation");
        Problems.assertProblem(http().send("PUT", "api/admin/transfers/provider", "application/json",
                "{\"provider\":\"seedr\",\"version\":" + version + ",\"reason\":\"Built-in engine blocked by the ISP\"}",
                auth(admin)), 400, "/problems/validation");
        Problems.assertProblem(switchTo(admin, "qbittorrent", version, "Built-in engine blocked by the ISP", "OPS-1"),
                400, "/problems/validation");
        Problems.assertProblem(switchTo(admin, "seedr", version + 7, "Built-in engine blocked by the ISP", "OPS-1"),
                409, "/problems/concurrent-update");
        Problems.assertProblem(switchTo(admin, "builtin", version, "Built-in engine blocked by the ISP", "OPS-1"),
                409, "/problems/provider-unchanged");
        JsonNode user = http().newUser("user");
        Problems.assertProblem(switchTo(user, "seedr", version, "Built-in engine blocked by the ISP", "OPS-1"),
                403, "/problems/forbidden");

        Reply switched = switchTo(admin, "seedr", version, "Built-in engine blocked by the ISP", "OPS-42");
        assertEquals(200, switched.status(), switched.body());
        assertEquals("seedr", switched.json().path("active").path("provider").asText());
        assertEquals(version + 1, switched.json().path("active").path("version").asLong());
        Problems.assertProblem(switchTo(admin, "seedr", version + 1, "Built-in engine blocked by the ISP", "OPS-1"),
                409, "/problems/provider-unchanged");

        // A magnet: Seedr downloads it, Paddock fetches its files into its storage and deletes them on Seedr.
        String hash = randomHash(1);
        byte[] big = randomBytes(300_000, 2);
        byte[] notes = "Seedr stand-in notes\n".getBytes(StandardCharsets.UTF_8);
        FakeSeedr.offer(hash, "season pack", Map.of("episode.bin", big, "extras/notes.txt", notes));
        Reply submitted = submitMagnet(user, "magnet:?xt=urn:btih:" + hash + "&dn=season+pack");
        assertEquals(201, submitted.status(), submitted.body());
        assertEquals("seedr", submitted.json().path("provider").asText());
        String jobId = submitted.json().path("id").asText();
        JsonNode done = awaitJob(user, jobId, j -> j.path("state").asText().matches("completed|failed"));
        assertEquals("completed", done.path("state").asText(), done.toString());
        assertEquals(big.length + notes.length, done.path("bytesTotal").asLong());
        assertEquals("season pack", done.path("name").asText());
        assertEquals("seedr", done.path("provider").asText());

        JsonNode files = http().get("api/jobs/" + jobId + "/files", auth(user)).json();
        assertEquals(2, files.size(), files.toString());
        assertEquals("season pack/episode.bin", files.get(0).path("path").asText());
        assertEquals("season pack/extras/notes.txt", files.get(1).path("path").asText());
        assertEquals("text/plain", files.get(1).path("contentType").asText());
        assertArrayEquals(big, download(user, files.get(0).path("id").asText()));
        assertArrayEquals(notes, download(user, files.get(1).path("id").asText()));
        assertFalse(FakeSeedr.cdnSawCredentials(), "Seedr's credentials went to the file's redirect target");
        awaitDeleted();

        // The history, newest first, and the audit trail.
        JsonNode history = http().get("api/admin/transfers/provider/history", auth(admin)).json();
        JsonNode last = history.path("changes").get(0);
        assertEquals(version + 1, last.path("version").asLong());
        assertEquals("builtin", last.path("oldProvider").asText());
        assertEquals("seedr", last.path("newProvider").asText());
        assertEquals("Built-in engine blocked by the ISP", last.path("reason").asText());
        assertEquals("OPS-42", last.path("ticketId").asText());
        assertEquals(admin.path("userId").asText(), last.path("actorId").asText());
        JsonNode audit = http().get("api/admin/audit?action=transfers.provider.switch", auth(admin)).json();
        JsonNode entry = audit.path("entries").get(0);
        assertEquals("OPS-42", entry.path("ticketId").asText(), audit.toString());
        assertEquals("provider=builtin", entry.path("before").asText());
        assertTrue(entry.path("after").asText().startsWith("provider=seedr"), entry.toString());

        // Back to the built-in engine: a second history row.
        Reply back = switchTo(admin, "builtin", version + 1, "Seedr quota used up for the month", "OPS-43");
        assertEquals(200, back.status(), back.body());
        history = http().get("api/admin/transfers/provider/history?limit=1", auth(admin)).json();
        assertEquals(1, history.path("changes").size(), history.toString());
        assertEquals(version + 2, history.path("changes").get(0).path("version").asLong());
        assertEquals("builtin", history.path("changes").get(0).path("newProvider").asText());
        JsonNode older = http().get("api/admin/transfers/provider/history?limit=1&before="
                + history.path("nextBefore").asLong(), auth(admin)).json();
        assertEquals(version + 1, older.path("changes").get(0).path("version").asLong(), older.toString());
    }

    /** Whether Seedr received {@code then} after {@code first}. */
    static boolean seenAfter(String first, String then) {
        java.util.List<String> seen = FakeSeedr.requests();
        int at = seen.indexOf(first);
        return at >= 0 && seen.subList(at, seen.size()).contains(then);
    }

    /** Paddock deletes a finished job's folder on Seedr once its files are fetched. */
    void awaitDeleted() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (FakeSeedr.requests().stream().noneMatch(r -> r.startsWith("DELETE /folder/"))) {
            assertTrue(Instant.now().isBefore(deadline), "no DELETE /folder/ seen: " + FakeSeedr.requests());
            Thread.sleep(100);
        }
    }

    @Test
    void aJobRunningOnTheBuiltInEngineFinishesThereAfterTheSwitchAndAnEngineRestart() throws Exception {
        JsonNode admin = http().newUser("admin");
        ensure(admin, "builtin");
        try (LoopbackSeeder seeder = new LoopbackSeeder("inflight", new String[] {"first.bin", "second.bin"},
                new int[] {4 * LoopbackSeeder.PIECE, 2 * LoopbackSeeder.PIECE}, 11).withhold(1).start()) {
            JsonNode user = http().newUser("user");
            Reply submitted = submitMagnet(user, seeder.magnet());
            assertEquals(201, submitted.status(), submitted.body());
            assertEquals("builtin", submitted.json().path("provider").asText());
            String jobId = submitted.json().path("id").asText();
            awaitJob(user, jobId, j -> j.path("bytesDone").asLong() >= seeder.data(0).length);

            JsonNode now = http().get("api/admin/transfers/provider", auth(admin)).json();
            Reply switched = switchTo(admin, "seedr", now.path("version").asLong(), "Moving new jobs to Seedr", "OPS-7");
            assertEquals(200, switched.status(), switched.body());
            assertTrue(switched.json().path("inFlight").asInt() >= 1, switched.body());
            Reply restarted = http().send("POST", "api/admin/transfers/engine/restart", "application/json",
                    "{\"reason\":\"Restart while providers change\",\"ticketId\":\"OPS-8\"}", auth(admin));
            assertEquals(200, restarted.status(), restarted.body());

            seeder.complete();
            JsonNode done = awaitJob(user, jobId, j -> j.path("state").asText().matches("completed|failed"));
            assertEquals("completed", done.path("state").asText(), done.toString());
            assertEquals("builtin", done.path("provider").asText());
            JsonNode files = http().get("api/jobs/" + jobId + "/files", auth(user)).json();
            assertArrayEquals(seeder.data(1), download(user, files.get(1).path("id").asText()));
            assertTrue(FakeSeedr.requests().stream().noneMatch(r -> r.contains(seeder.infoHash())),
                    "Seedr saw the built-in job: " + FakeSeedr.requests());

            // A job submitted now goes to Seedr.
            String hash = randomHash(12);
            FakeSeedr.offer(hash, "after the switch.bin", Map.of("after the switch.bin", randomBytes(1000, 13)));
            Reply later = submitMagnet(user, "magnet:?xt=urn:btih:" + hash);
            assertEquals(201, later.status(), later.body());
            assertEquals("seedr", later.json().path("provider").asText());
            JsonNode single = awaitJob(user, later.json().path("id").asText(), state("completed"));
            JsonNode singleFiles = http().get("api/jobs/" + single.path("id").asText() + "/files", auth(user)).json();
            assertEquals("after the switch.bin", singleFiles.get(0).path("path").asText());
        }
    }

    @Test
    void cancellingASeedrJobRemovesItOnSeedr() throws Exception {
        JsonNode admin = http().newUser("admin");
        ensure(admin, "seedr");
        JsonNode user = http().newUser("user");
        // Not offered: Seedr keeps the transfer at 0 %, the job waits in metadata_fetch.
        Reply submitted = submitMagnet(user, "magnet:?xt=urn:btih:" + randomHash(31));
        assertEquals(201, submitted.status(), submitted.body());
        String jobId = submitted.json().path("id").asText();
        awaitJob(user, jobId, state("metadata_fetch"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        // Added, and polled since (so Paddock knows Seedr's id for it).
        while (!seenAfter("magnet " + randomHash(31), "GET /folder")) {
            assertTrue(Instant.now().isBefore(deadline), "Seedr never got the magnet: " + FakeSeedr.requests());
            Thread.sleep(100);
        }
        long deletesBefore = FakeSeedr.requests().stream().filter(r -> r.startsWith("DELETE /transfer/")).count();
        assertEquals(200, http().send("POST", "api/jobs/" + jobId + "/cancel", null, null, auth(user)).status());
        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (FakeSeedr.requests().stream().filter(r -> r.startsWith("DELETE /transfer/")).count() == deletesBefore) {
            assertTrue(Instant.now().isBefore(deadline), "no DELETE /transfer/ after the cancel: " + FakeSeedr.requests());
            Thread.sleep(100);
        }
        assertEquals("cancelled", http().get("api/jobs/" + jobId, auth(user)).json().path("state").asText());
    }

    @Test
    void aSeedrThatDoesNotAnswerFailsTheJobWithAClearReason() throws Exception {
        JsonNode admin = http().newUser("admin");
        ensure(admin, "seedr");
        JsonNode user = http().newUser("user");
        FakeSeedr.hang();
        try {
            Reply submitted = submitMagnet(user, "magnet:?xt=urn:btih:" + randomHash(21));
            assertEquals(201, submitted.status(), submitted.body());
            String jobId = submitted.json().path("id").asText();
            // Each attempt fails on Seedr's time limit and takes the queue's retry path (the job waits,
            // submitted, with the reason as its last error); the test clock skips each backoff (at most
            // 120 s before the fifth attempt), and the fifth failure dead-letters the job.
            for (int attempt = 1; attempt <= 5; attempt++) {
                int expected = attempt;
                java.util.Map<String, Object> row = awaitQueueRow(jobId, r -> (int) r.get("attempts") >= expected);
                assertTrue(String.valueOf(row.get("last_error")).contains("Seedr did not answer within 3 s"), row.toString());
                if (attempt < 5) {
                    assertEquals("READY", row.get("state"), "retried, not failed, after attempt " + attempt);
                    assertEquals(200, http().send("POST", "api/test-support/clock/advance?seconds=120", null, null)
                            .status());
                }
            }
            JsonNode failed = awaitJob(user, jobId, state("failed"));
            String reason = failed.path("failure").asText();
            assertTrue(reason.contains("Seedr did not answer within 3 s") && reason.contains("POST /transfer/magnet"),
                    reason);
        } finally {
            FakeSeedr.recover();
        }
    }
}
