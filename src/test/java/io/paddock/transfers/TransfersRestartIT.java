package io.paddock.transfers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockNode;

/**
 * A server restart for real: a Paddock node of its own (a Payara Micro process, as ClusterIT starts
 * them) downloads a torrent from a seeder in this JVM that withholds the second file, so the job stays
 * mid-transfer with the first file complete. The node is killed (SIGKILL, nothing of its shutdown
 * runs), the seeder gets the second file, and a new process starts on the same database and download
 * folder: it resumes the job from what is on disk, so the seeder sends the second file and not the
 * first again, and the job completes with both files intact.
 */
class TransfersRestartIT {

    static final Duration BOOT = Duration.ofMinutes(10);

    final HttpClient client = HttpClient.newHttpClient();
    PaddockNode node;

    @AfterEach
    void stopNode() throws InterruptedException {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void aKilledNodeResumesItsJobFromDiskWhenItStartsAgain() throws Exception {
        Path home = Path.of("target/transfers-restart-it").toAbsolutePath();
        PaddockNode.deleteTree(home);
        Path war = PaddockNode.exportWar(home.resolve("paddock.war"));
        String dbUrl = PaddockNode.freshDatabase("restart");
        Map<String, String> env = Map.of(
                "PADDOCK_TRANSFERS_BT_ADDRESS", "127.0.0.1",
                "PADDOCK_TRANSFERS_BT_PORT", Integer.toString(PaddockNode.freePort()),
                "PADDOCK_TRANSFERS_DOWNLOAD_DIR", Files.createDirectories(home.resolve("downloads")).toString());
        Path log = home.resolve("node.log");

        try (LoopbackSeeder seeder = new LoopbackSeeder("restart", new String[] {"first.bin", "second.bin"},
                new int[] {8 * LoopbackSeeder.PIECE, 4 * LoopbackSeeder.PIECE}, 11).withhold(1).start()) {
            node = PaddockNode.start("restart", war, home.resolve("root-1"), log, dbUrl, env).awaitReady(BOOT);
            JsonNode user = node.http().newUser("user");
            // The API key, not the access token: the token's issuer is the node's public URL, whose port the
            // restarted node does not keep.
            String token = user.path("apiKey").asText();
            Reply submitted = node.http().send("POST", "api/jobs", "application/json",
                    "{\"magnet\":" + Json.mapper().valueToTree(seeder.magnet()) + "}", node.http().bearer(token));
            assertEquals(201, submitted.status(), submitted.body());
            String jobId = submitted.json().path("id").asText();
            JsonNode stalled = awaitJob(token, jobId, j -> j.path("bytesDone").asLong() >= seeder.data(0).length);
            assertEquals("downloading", stalled.path("state").asText());

            node.kill();
            long sentBefore = seeder.uploaded();
            seeder.complete();
            // Payara's own folder is new (a killed server may leave it half-written); the database and the
            // download folder are the killed node's.
            node = PaddockNode.start("restart", war, home.resolve("root-2"), log, dbUrl, env).awaitReady(BOOT);

            JsonNode done = awaitJob(token, jobId, j -> j.path("state").asText().equals("completed"));
            assertEquals(100.0, done.path("progress").asDouble());
            // Only the second file was sent after the restart: the first was verified from disk.
            long sent = TransfersIT.awaitSent(seeder, sentBefore, seeder.data(1).length);
            assertTrue(sent >= seeder.data(1).length && sent < seeder.data(0).length,
                    "sent after the restart: " + sent + " (first file " + seeder.data(0).length + ", second "
                            + seeder.data(1).length + ")");
            JsonNode files = node.http().get("api/jobs/" + jobId + "/files", node.http().bearer(token)).json();
            assertArrayEquals(seeder.data(0), download(token, files.get(0).path("id").asText()));
            assertArrayEquals(seeder.data(1), download(token, files.get(1).path("id").asText()));
        }
    }

    /** The job on the node running now (the first, or the one started after it). */
    JsonNode awaitJob(String token, String jobId, Predicate<JsonNode> done) throws InterruptedException {
        return TransfersBlackBox.awaitJob(node.http(), node.http().bearer(token), jobId, done);
    }

    byte[] download(String token, String fileId) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                URI.create(node.base() + "api/files/" + fileId + "/download")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
