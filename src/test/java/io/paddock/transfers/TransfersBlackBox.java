package io.paddock.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;

/** What the transfers black-box tests do with a user's jobs over REST: submit, read, wait for one, download its files. */
abstract class TransfersBlackBox extends BlackBox {

    /** How long a job may take to get where a test waits for it (a loaded machine downloads slowly). */
    static final Duration WAIT = Duration.ofSeconds(120);

    Reply submitMagnet(JsonNode user, String magnet) {
        return http().send("POST", "api/jobs", "application/json",
                "{\"magnet\":" + Json.mapper().valueToTree(magnet) + "}", auth(user));
    }

    JsonNode job(JsonNode user, String jobId) {
        return job(http(), auth(user), jobId);
    }

    static JsonNode job(Http http, String[] auth, String jobId) {
        Reply reply = http.get("api/jobs/" + jobId, auth);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    /** Polls the job until {@code done} holds or the wait is over; returns the last view. */
    JsonNode awaitJob(JsonNode user, String jobId, Predicate<JsonNode> done) throws InterruptedException {
        return awaitJob(http(), auth(user), jobId, done);
    }

    /** As {@link #awaitJob(JsonNode, String, Predicate)}, on any server (a node a test runs itself). */
    static JsonNode awaitJob(Http http, String[] auth, String jobId, Predicate<JsonNode> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode job;
        do {
            job = job(http, auth, jobId);
            if (done.test(job)) {
                return job;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("The job never got there: " + job);
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder builder) throws Exception {
        return client.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A file of the user's job, which must be served (200); {@code headers} are name, value pairs. */
    byte[] download(JsonNode user, String fileId, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(at("api/files/" + fileId + "/download"))
                .header("Authorization", "Bearer " + user.path("accessToken").asText());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = sendBytes(builder.GET());
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    static Predicate<JsonNode> state(String state) {
        return job -> job.path("state").asText().equals(state);
    }
}
