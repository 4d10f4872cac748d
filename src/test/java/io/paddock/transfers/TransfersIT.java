package io.paddock.transfers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: real torrents downloaded by Paddock's engine over loopback from a bt-core seeder in this
 * JVM, by magnet (direct peer) and by .torrent upload; pause and resume, skipping a file while the job
 * runs, an engine restart (each continuing from what is on disk), two users of one torrent, ranged and
 * signed downloads, live events, and every refusal at submit.
 */
@PaddockIT
class TransfersIT extends TransfersBlackBox {

    HttpResponse<byte[]> upload(JsonNode user, byte[] torrent, String peers) throws Exception {
        String boundary = "----paddock-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"torrent\"; filename=\"t.torrent\"\r\n"
                + "Content-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(torrent);
        if (peers != null) {
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"peers\"\r\n\r\n" + peers)
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return sendBytes(HttpRequest.newBuilder(at("api/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + user.path("accessToken").asText())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    JsonNode files(JsonNode user, String jobId) {
        Reply reply = http().get("api/jobs/" + jobId + "/files", auth(user));
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void magnetWithADirectPeerDownloadsTheTorrentAndServesItsFiles() throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("pack", new String[] {"a.bin", "notes.txt"},
                new int[] {3 * LoopbackSeeder.PIECE + 1234, 70_000}, 1).start()) {
            JsonNode user = http().newUser("user");
            Reply submitted = submitMagnet(user, seeder.magnet());
            assertEquals(201, submitted.status(), submitted.body());
            String jobId = submitted.json().path("id").asText();
            assertEquals(seeder.infoHash(), submitted.json().path("infoHash").asText());

            JsonNode done = awaitJob(user, jobId, state("completed"));
            assertEquals(seeder.size(), done.path("bytesTotal").asLong());
            assertEquals(100.0, done.path("progress").asDouble());
            assertEquals("pack", done.path("name").asText());

            JsonNode files = files(user, jobId);
            assertEquals(2, files.size());
            assertEquals("pack/a.bin", files.get(0).path("path").asText());
            assertEquals("text/plain", files.get(1).path("contentType").asText());
            String first = files.get(0).path("id").asText();
            assertArrayEquals(seeder.data(0), download(user, first));
            assertArrayEquals(seeder.data(1), download(user, files.get(1).path("id").asText()));

            // Ranges: one (206), several (multipart/byteranges), none that fits (416).
            HttpRequest.Builder ranged = HttpRequest.newBuilder(at("api/files/" + first + "/download"))
                    .header("Authorization", "Bearer " + user.path("accessToken").asText());
            HttpResponse<byte[]> one = sendBytes(ranged.copy().header("Range", "bytes=10-19").GET());
            assertEquals(206, one.statusCode());
            assertEquals("bytes 10-19/" + seeder.data(0).length, one.headers().firstValue("Content-Range").orElse(""));
            assertArrayEquals(Arrays.copyOfRange(seeder.data(0), 10, 20), one.body());
            assertTrue(one.headers().firstValue("Content-Disposition").orElse("").contains("filename=\"a.bin\""));
            HttpResponse<byte[]> suffix = sendBytes(ranged.copy().header("Range", "bytes=-5").GET());
            assertArrayEquals(Arrays.copyOfRange(seeder.data(0), seeder.data(0).length - 5, seeder.data(0).length),
                    suffix.body());
            HttpResponse<byte[]> many = sendBytes(ranged.copy().header("Range", "bytes=0-3,100-103").GET());
            assertEquals(206, many.statusCode());
            String manyType = many.headers().firstValue("Content-Type").orElse("");
            assertTrue(manyType.startsWith("multipart/byteranges") && manyType.contains("boundary=paddock-"), manyType);
            String multipart = new String(many.body(), StandardCharsets.ISO_8859_1);
            assertTrue(multipart.contains("Content-Range: bytes 0-3/" + seeder.data(0).length), multipart);
            assertTrue(multipart.contains("Content-Range: bytes 100-103/" + seeder.data(0).length), multipart);
            HttpResponse<byte[]> beyond = sendBytes(ranged.copy().header("Range", "bytes=999999999-").GET());
            assertEquals(416, beyond.statusCode());
            assertEquals("bytes */" + seeder.data(0).length, beyond.headers().firstValue("Content-Range").orElse(""));

            // The .torrent made of the fetched metadata has the same infohash.
            HttpResponse<byte[]> torrent = sendBytes(HttpRequest.newBuilder(at("api/jobs/" + jobId + "/torrent"))
                    .header("Authorization", "Bearer " + user.path("accessToken").asText()).GET());
            assertEquals(200, torrent.statusCode());
            assertEquals(seeder.infoHash(), java.util.HexFormat.of().formatHex(
                    new bt.metainfo.MetadataService().fromByteArray(torrent.body()).getTorrentId().getBytes()));

            // A finished job can no longer be paused, resumed or cancelled; another user sees nothing of it.
            for (String action : List.of("pause", "resume", "cancel")) {
                Problems.assertProblem(http().send("POST", "api/jobs/" + jobId + "/" + action, null, null, auth(user)),
                        409, "/problems/job-state");
            }
            JsonNode stranger = http().newUser("user");
            Problems.assertProblem(http().get("api/jobs/" + jobId, auth(stranger)), 404, "/problems/job-not-found");
            Problems.assertProblem(http().get("api/files/" + first + "/download", auth(stranger)), 404,
                    "/problems/file-not-found");

            // Delete removes the job and its files.
            assertEquals(204, http().send("DELETE", "api/jobs/" + jobId, null, null, auth(user)).status());
            Problems.assertProblem(http().get("api/files/" + first + "/download", auth(user)), 404,
                    "/problems/file-not-found");
        }
    }

    @Test
    void torrentUploadDownloadsAndStreamsEventsThatResumeFromLastEventId() throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("upload", new String[] {"one.bin", "two.bin"},
                new int[] {2 * LoopbackSeeder.PIECE, 100_000}, 2).start()) {
            JsonNode user = http().newUser("user");
            HttpResponse<byte[]> created = upload(user, seeder.torrent(), seeder.peer());
            assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
            JsonNode job = json(created);
            String jobId = job.path("id").asText();
            assertEquals("upload", job.path("name").asText());
            assertEquals(seeder.size(), job.path("bytesTotal").asLong());
            assertEquals(2, files(user, jobId).size());
            Problems.assertProblem(submitMagnet(user, seeder.magnet()), 409, "/problems/duplicate-job");

            // From the first event on (Last-Event-ID: 0), the stream shows the job reach completed.
            List<String[]> events = readEvents(user, "api/jobs/" + jobId + "/events", "0",
                    e -> e[1].equals("job") && e[2].contains("\"state\":\"completed\""));
            assertTrue(events.size() >= 2, "events: " + events.size());
            assertEquals(seeder.data(1).length, download(user, files(user, jobId).get(1).path("id").asText()).length);
            // Resuming from an event id replays exactly what came after it.
            int half = events.size() / 2 - 1;
            String[] middle = events.get(half);
            List<String[]> rest = readEvents(user, "api/jobs/events", middle[0],
                    e -> e[2].contains("\"state\":\"completed\""));
            assertEquals(events.get(half + 1)[0], rest.get(0)[0], "first replayed id");
            assertEquals(events.get(events.size() - 1)[0], rest.get(rest.size() - 1)[0]);
        }
    }

    /**
     * The engine's progress is stored without a new version (a user's pause or cancel never conflicts
     * with it): once the job stalled at {@code bytes} (speed 0), its version is the one every event
     * since the progress that made it downloading carried. (A versioned progress write would give each
     * progress event a version of its own.)
     */
    void assertProgressKeepsTheVersion(JsonNode user, String jobId, long bytes) throws Exception {
        JsonNode stalled = awaitJob(user, jobId,
                j -> j.path("bytesDone").asLong() == bytes && j.path("downloadSpeed").asLong() == 0);
        List<JsonNode> events = new ArrayList<>();
        for (String[] event : readEvents(user, "api/jobs/" + jobId + "/events", "0",
                e -> e[2].contains("\"bytesDone\":" + bytes + ",") && e[2].contains("\"downloadSpeed\":0,"))) {
            events.add(Json.mapper().readTree(event[2]));
        }
        int first = 0;
        while (first < events.size() && !events.get(first).path("state").asText().equals("downloading")) {
            first++;
        }
        assertTrue(first < events.size(), "an event of the downloading job: " + events);
        long version = http().get("api/jobs/" + jobId, auth(user)).json().path("version").asLong();
        assertEquals(stalled.path("version").asLong(), version);
        for (JsonNode event : events.subList(first, events.size())) {
            assertEquals(version, event.path("version").asLong(), "progress changed the version: " + event);
        }
    }

    @Test
    void pauseAndResumeContinueWithoutFetchingFinishedPiecesAgain() throws Exception {
        continuesFromDisk(3, (user, jobId) -> {
            JsonNode paused = http().send("POST", "api/jobs/" + jobId + "/pause", null, null, auth(user)).json();
            assertEquals("paused", paused.path("state").asText());
            assertJobEventCarries(user, jobId, paused);
            return () -> assertEquals("submitted", http().send("POST", "api/jobs/" + jobId + "/resume", null, null,
                    auth(user)).json().path("state").asText());
        });
    }

    /** The {@code job} event of a change carries the version the change gave the job, as the reply to it does. */
    void assertJobEventCarries(JsonNode user, String jobId, JsonNode changed) throws Exception {
        String state = "\"state\":\"" + changed.path("state").asText() + "\"";
        List<String[]> events = readEvents(user, "api/jobs/" + jobId + "/events", "0",
                e -> e[1].equals("job") && e[2].contains(state));
        JsonNode event = Json.mapper().readTree(events.get(events.size() - 1)[2]);
        assertEquals(changed.path("version").asLong(), event.path("version").asLong(), "the event: " + event);
    }

    @Test
    void anEngineRestartResumesRunningJobsFromDisk() throws Exception {
        continuesFromDisk(7, (user, jobId) -> {
            // What a node restart does: every client stops, running jobs start again from their folders.
            JsonNode admin = http().newUser("admin");
            Reply restarted = http().send("POST", "api/admin/transfers/engine/restart", "application/json",
                    "{\"reason\":\"Engine stuck after a network outage\",\"ticketId\":\"OPS-3\"}", auth(admin));
            assertEquals(200, restarted.status(), restarted.body());
            assertTrue(restarted.json().path("resumed").asInt() >= 1, restarted.body());
            assertEquals("downloading", http().get("api/jobs/" + jobId, auth(user)).json().path("state").asText());
            return () -> { };
        });
    }

    interface Interruption {
        /** Interrupts the stalled job; returns what continues it once the seeder has everything. */
        ThrowingRunnable interrupt(JsonNode user, String jobId) throws Exception;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * A job stalls with its first file complete (the seeder withholds the second); it is interrupted,
     * the seeder gets the second file, the job continues and completes having been sent only the
     * second file again (the first is verified from disk).
     */
    void continuesFromDisk(long seed, Interruption interruption) throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("halves", new String[] {"first.bin", "second.bin"},
                new int[] {8 * LoopbackSeeder.PIECE, 4 * LoopbackSeeder.PIECE}, seed).withhold(1).start()) {
            JsonNode user = http().newUser("user");
            String jobId = submitMagnet(user, seeder.magnet()).json().path("id").asText();
            JsonNode stalled = awaitJob(user, jobId, j -> j.path("bytesDone").asLong() >= seeder.data(0).length);
            assertEquals("downloading", stalled.path("state").asText());
            assertProgressKeepsTheVersion(user, jobId, seeder.data(0).length);
            ThrowingRunnable proceed = interruption.interrupt(user, jobId);
            long sentBefore = seeder.uploaded();
            seeder.complete();
            proceed.run();
            awaitJob(user, jobId, state("completed"));
            // The second file was sent again, the first was not (it was verified from disk).
            long sentAfter = awaitSent(seeder, sentBefore, seeder.data(1).length);
            assertTrue(sentAfter >= seeder.data(1).length && sentAfter < seeder.data(0).length, "sent again: " + sentAfter);
            JsonNode files = files(user, jobId);
            assertArrayEquals(seeder.data(0), download(user, files.get(0).path("id").asText()));
            assertArrayEquals(seeder.data(1), download(user, files.get(1).path("id").asText()));
        }
    }

    /**
     * The job restarts on the new selection and connects to the seeder again before the seeder itself
     * restarts with every file: the job's peer then disconnects and comes back under the same connection
     * key, which bt-core's torrent worker mishandles (BtEngine's class comment); the job still completes.
     */
    @Test
    void skippingAFileCompletesTheJobWithoutItAndCancelFreesTheRest() throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("skip", new String[] {"keep.bin", "skip.bin", "late.bin"},
                new int[] {4 * LoopbackSeeder.PIECE, 4 * LoopbackSeeder.PIECE, 2 * LoopbackSeeder.PIECE}, 4)
                .withhold(1, 2).start()) {
            JsonNode user = http().newUser("user");
            String jobId = submitMagnet(user, seeder.magnet()).json().path("id").asText();
            awaitJob(user, jobId, j -> j.path("bytesDone").asLong() >= seeder.data(0).length);
            JsonNode files = files(user, jobId);
            String skipped = files.get(1).path("id").asText();
            int connections = seeder.connections();
            Reply skip = http().send("PUT", "api/jobs/" + jobId + "/files/" + skipped, "application/json",
                    "{\"selected\":false}", auth(user));
            assertEquals(200, skip.status(), skip.body());
            assertEquals(false, skip.json().path("selected").asBoolean());
            // The seeder now has every file: the job fetches the last one, and nothing of the skipped one.
            Instant connected = Instant.now().plusSeconds(30);
            while (seeder.connections() == connections && Instant.now().isBefore(connected)) {
                Thread.sleep(50);
            }
            long sentBefore = seeder.uploaded();
            seeder.complete();
            JsonNode done = awaitJob(user, jobId, state("completed"));
            assertEquals(100.0, done.path("progress").asDouble());
            long sent = awaitSent(seeder, sentBefore, seeder.data(2).length);
            assertTrue(sent >= seeder.data(2).length && sent < seeder.data(2).length + LoopbackSeeder.PIECE,
                    "sent after the skip: " + sent);
            assertArrayEquals(seeder.data(0), download(user, files.get(0).path("id").asText()));
            assertArrayEquals(seeder.data(2), download(user, files.get(2).path("id").asText()));
            Problems.assertProblem(http().get("api/files/" + skipped + "/download", auth(user)), 409,
                    "/problems/file-not-ready");

            // Cancel: a running job stops for good; a cancelled one cannot be cancelled again.
            JsonNode other = http().newUser("user");
            String running = submitMagnet(other, "magnet:?xt=urn:btih:" + "ab".repeat(20)).json().path("id").asText();
            assertEquals("cancelled", http().send("POST", "api/jobs/" + running + "/cancel", null, null, auth(other))
                    .json().path("state").asText());
            Problems.assertProblem(http().send("POST", "api/jobs/" + running + "/cancel", null, null, auth(other)), 409,
                    "/problems/job-state");
        }
    }

    /**
     * What the seeder sent since {@code before}, once it counted at least {@code atLeast} or 10 s passed
     * (what it sends may still be on its way when the job completes).
     */
    static long awaitSent(LoopbackSeeder seeder, long before, long atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (seeder.uploaded() - before < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return seeder.uploaded() - before;
    }

    @Test
    void twoUsersWithAJobOfTheSameTorrentBothGetIt() throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("shared", new String[] {"one.bin", "two.bin"},
                new int[] {6 * LoopbackSeeder.PIECE, 3 * LoopbackSeeder.PIECE}, 8).start()) {
            JsonNode first = http().newUser("user");
            JsonNode second = http().newUser("user");
            String firstJob = submitMagnet(first, seeder.magnet()).json().path("id").asText();
            String secondJob = submitMagnet(second, seeder.magnet()).json().path("id").asText();
            awaitJob(first, firstJob, state("completed"));
            awaitJob(second, secondJob, state("completed"));
            assertArrayEquals(seeder.data(1), download(first, files(first, firstJob).get(1).path("id").asText()));
            assertArrayEquals(seeder.data(1), download(second, files(second, secondJob).get(1).path("id").asText()));
        }
    }

    @Test
    void signedLinksWorkWithoutSigningInUntilTheyExpire() throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("share", new String[] {"a.txt", "b.txt"},
                new int[] {5000, 7000}, 5).start()) {
            JsonNode user = http().newUser("user");
            String jobId = submitMagnet(user, seeder.magnet()).json().path("id").asText();
            awaitJob(user, jobId, state("completed"));
            String fileId = files(user, jobId).get(0).path("id").asText();
            Reply share = http().send("POST", "api/files/" + fileId + "/share", "application/json",
                    "{\"ttlSeconds\":60}", auth(user));
            assertEquals(200, share.status(), share.body());
            URI link = URI.create(share.json().path("url").asText());
            String pathAndQuery = link.getRawPath().substring(1) + "?" + link.getRawQuery();
            HttpResponse<byte[]> shared = sendBytes(HttpRequest.newBuilder(at(pathAndQuery)).GET());
            assertEquals(200, shared.statusCode());
            assertArrayEquals(seeder.data(0), shared.body());
            Problems.assertProblem(http().get(pathAndQuery.replaceAll("signature=[0-9a-f]+", "signature=" + "0".repeat(64))), 403,
                    "/problems/invalid-share-link");
            assertEquals(200, http().send("POST", "api/test-support/clock/advance?seconds=61", null, null).status());
            try {
                Problems.assertProblem(http().get(pathAndQuery), 403, "/problems/share-link-expired");
            } finally {
                http().send("POST", "api/test-support/clock/advance?seconds=-61", null, null);
            }
        }
    }

    @Test
    void badInputBlocklistAndPlanLimitsAreRefusedAtSubmit() throws Exception {
        JsonNode user = http().newUser("user");
        Problems.assertProblem(submitMagnet(user, "magnet:?dn=nothing"), 400, "/problems/invalid-magnet");
        Problems.assertProblem(submitMagnet(user, "magnet:?xt=urn:btih:xyz"), 400, "/problems/invalid-magnet");
        Problems.assertProblem(submitMagnet(user, "http://example.com/a.torrent"), 400, "/problems/invalid-magnet");
        Problems.assertProblem(submitMagnet(user, "magnet:?xt=urn:btih:" + "a".repeat(40) + "&x.pe=host"), 400,
                "/problems/invalid-magnet");

        HttpResponse<byte[]> notBencode = upload(user, "this is not a torrent".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(400, notBencode.statusCode());
        assertTrue(new String(notBencode.body(), StandardCharsets.UTF_8).contains("/problems/invalid-torrent"));
        HttpResponse<byte[]> huge = upload(user, new byte[10 * 1024 * 1024 + 1], null);
        assertEquals(413, huge.statusCode());
        assertTrue(new String(huge.body(), StandardCharsets.UTF_8).contains("/problems/torrent-too-large"));
        for (List<String> escaping : List.of(List.of("..", "etc", "passwd"), List.of("a", "..", "..", "b"))) {
            HttpResponse<byte[]> unsafe = upload(user, Bencode.torrent("evil", List.of(List.of("ok.txt"), escaping), 1000), null);
            assertEquals(400, unsafe.statusCode());
            assertTrue(new String(unsafe.body(), StandardCharsets.UTF_8).contains("/problems/unsafe-torrent-path"));
        }
        HttpResponse<byte[]> badRoot = upload(user, Bencode.torrent("..", List.of(List.of("a"), List.of("b")), 10), null);
        assertEquals(400, badRoot.statusCode());
        assertEquals(0, http().get("api/jobs", auth(user)).json().path("total").asLong());

        // Storage: a torrent larger than the plan's storage is refused before it is added.
        HttpResponse<byte[]> tooBig = upload(user, Bencode.torrent("big", List.of(List.of("a"), List.of("b")),
                3L * 1024 * 1024 * 1024), null);
        assertEquals(403, tooBig.statusCode());
        assertTrue(new String(tooBig.body(), StandardCharsets.UTF_8).contains("/problems/plan-limit"));

        // The blocklist.
        JsonNode admin = http().newUser("admin");
        String blocked = "cd".repeat(20);
        assertEquals(200, http().send("PUT", "api/admin/transfers/blocklist/" + blocked, "application/json",
                "{\"reason\":\"Takedown notice received\",\"ticketId\":\"LEGAL-1\"}", auth(admin)).status());
        JsonNode blockRow = http().get("api/admin/audit?action=transfers.blocklist.add&targetId=" + blocked, auth(admin))
                .json().path("entries");
        assertEquals(1, blockRow.size(), blockRow.toString());
        assertEquals("LEGAL-1", blockRow.path(0).path("ticketId").asText());
        Problems.assertProblem(submitMagnet(user, "magnet:?xt=urn:btih:" + blocked.toUpperCase()), 403,
                "/problems/blocked-torrent");
        Problems.assertProblem(http().send("POST", "api/admin/transfers/blocklist/" + blocked + "/unblock",
                "application/json", "{\"reason\":\"Takedown notice withdrawn\"}", auth(admin)), 400,
                "/problems/validation");
        assertEquals(204, http().send("POST", "api/admin/transfers/blocklist/" + blocked + "/unblock", "application/json",
                "{\"reason\":\"Takedown notice withdrawn\",\"ticketId\":\"LEGAL-2\"}", auth(admin)).status());
        assertEquals(1, http().get("api/admin/audit?action=transfers.blocklist.remove&targetId=" + blocked, auth(admin))
                .json().path("entries").size());

        // Concurrent jobs: the free plan allows two.
        assertEquals(201, submitMagnet(user, "magnet:?xt=urn:btih:" + "01".repeat(20)).status());
        assertEquals(201, submitMagnet(user, "magnet:?xt=urn:btih:" + "02".repeat(20)).status());
        Reply third = submitMagnet(user, "magnet:?xt=urn:btih:" + "03".repeat(20));
        Problems.assertProblem(third, 403, "/problems/plan-limit");
        JsonNode usage = http().get("api/transfers/usage", auth(user)).json();
        assertEquals(2, usage.path("concurrentJobs").path("used").asLong());
        assertEquals(2, usage.path("concurrentJobs").path("limit").asLong());
        assertEquals(2, http().get("api/jobs?state=metadata_fetch,submitted,failed", auth(user)).json().path("total").asLong());
        Problems.assertProblem(http().get("api/jobs?state=flying", auth(user)), 400, "/problems/invalid-state");
    }

    @Test
    void theWebSocketChannelCarriesTheJobEventsOfItsUserOnly() throws Exception {
        try (LoopbackSeeder seeder = new LoopbackSeeder("socket", new String[] {"x.bin", "y.bin"},
                new int[] {LoopbackSeeder.PIECE, 5000}, 6).start()) {
            JsonNode user = http().newUser("user");
            JsonNode other = http().newUser("user");
            java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
            java.util.concurrent.BlockingQueue<String> otherFrames = new java.util.concurrent.LinkedBlockingQueue<>();
            java.net.http.WebSocket socket = socket(user, frames);
            java.net.http.WebSocket otherSocket = socket(other, otherFrames);
            try {
                assertTrue(next(frames).contains("\"ready\""));
                assertTrue(next(otherFrames).contains("\"ready\""));
                String jobId = submitMagnet(user, seeder.magnet()).json().path("id").asText();
                String frame;
                do {
                    frame = next(frames);
                    assertTrue(frame.contains(jobId), frame);
                } while (!frame.contains("\"state\":\"completed\""));
                JsonNode event = Json.mapper().readTree(frame);
                assertEquals("job", event.path("type").asText());
                assertTrue(event.path("id").asLong() > 0);
                assertEquals(null, otherFrames.poll(), "another user's socket sees nothing of it");
            } finally {
                socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "");
                otherSocket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "");
            }
        }
    }

    java.net.http.WebSocket socket(JsonNode user, java.util.concurrent.BlockingQueue<String> frames) {
        return client.newWebSocketBuilder().header("Authorization", "Bearer " + user.path("accessToken").asText())
                .buildAsync(URI.create(at("").toString().replaceFirst("^http", "ws")).resolve("ws/transfers"),
                        new java.net.http.WebSocket.Listener() {
                            final StringBuilder text = new StringBuilder();

                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                    CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    frames.add(text.toString());
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        }).join();
    }

    static String next(java.util.concurrent.BlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("No frame arrived");
        }
        return frame;
    }

    @Test
    void aMagnetWhoseMetadataNeverArrivesIsRetriedWithTheReason() throws Exception {
        JsonNode user = http().newUser("user");
        String jobId = submitMagnet(user, "magnet:?xt=urn:btih:" + "ee".repeat(20) + "&x.pe=127.0.0.1:9").json()
                .path("id").asText();
        awaitJob(user, jobId, state("metadata_fetch"));
        // The engine gives up after the metadata timeout: the queue tries again after its backoff (the
        // test clock does not move, so the job waits), keeping the reason (TransferQueueIT follows it to
        // the dead-letter queue).
        awaitJob(user, jobId, state("submitted"));
        try (java.sql.Connection c = io.paddock.testing.TestDatabase.connect();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT state, attempts, last_error FROM transfer_queue WHERE job_id = ?")) {
            s.setObject(1, java.util.UUID.fromString(jobId));
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "queued again");
                assertEquals("READY", rs.getString(1));
                assertEquals(1, rs.getInt(2));
                assertTrue(rs.getString(3).contains("metadata"), rs.getString(3));
            }
        }
    }

    /** Reads a job event stream (id, type, data per event) until {@code last} matches an event. */
    List<String[]> readEvents(JsonNode user, String path, String lastEventId, Predicate<String[]> last) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(at(path)).timeout(WAIT)
                .header("Authorization", "Bearer " + user.path("accessToken").asText())
                .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).GET().build();
        // A client of its own: a pooled connection that an earlier stream left closing is never reused.
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String[]> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        String[] event = {id, type, data.toString()};
                        events.add(event);
                        if (last.test(event)) {
                            return events;
                        }
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }
        throw new AssertionError("The stream ended before the awaited event: " + events.size() + " events");
    }
}
