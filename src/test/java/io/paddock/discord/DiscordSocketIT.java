package io.paddock.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.discord.control.EventSignatures;
import io.paddock.racing.ModClient;
import io.paddock.testing.DiscordDeployments;
import io.paddock.testing.FakeDiscordGateway;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: the browser event socket's protocol (every refusal answered with an error or a close code)
 * and signed internal events (accepted ones reach sockets; bad HMAC, stale timestamp and replay refused).
 */
@PaddockIT
class DiscordSocketIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DiscordDeployments.botOn();
    }

    @ArquillianResource
    URL base;

    final HttpClient client = HttpClient.newHttpClient();

    ModClient open() {
        return ModClient.connect(client, ModClient.socketUri(base, "/api/ws"));
    }

    JsonNode user() {
        return new Http(base).newUser("user");
    }

    @Test
    void subscribingBeforeAuthenticatingCloses4001() {
        try (ModClient socket = open()) {
            socket.send("type", "subscribe", "topic", "guild");
            assertEquals(4001, socket.awaitClose(WAIT));
        }
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosed4001() {
        try (ModClient socket = open()) {
            assertEquals(4001, socket.awaitClose(WAIT));
        }
    }

    @Test
    void aRefusedTokenCloses4003() {
        try (ModClient socket = open()) {
            socket.send("type", "auth", "token", "not-a-token");
            assertEquals(4003, socket.awaitClose(WAIT));
        }
    }

    @Test
    void badMessagesAreAnsweredWithErrorsAndTheSocketStaysUsable() {
        try (ModClient socket = open()) {
            socket.send("{not json");
            JsonNode malformed = socket.await("error", WAIT);
            assertEquals("malformed-json", malformed.path("event").asText());
            assertEquals(1, malformed.path("v").asInt());
            socket.send("type", "dance");
            assertEquals("unknown-type", socket.await("error", WAIT).path("event").asText());
            socket.send("type", "auth", "token", user().path("accessToken").asText());
            assertEquals("authenticated", socket.await("ack", WAIT).path("event").asText());
            socket.send("type", "subscribe", "topic", "race:not-a-uuid");
            assertEquals("invalid-topic", socket.await("error", WAIT).path("event").asText());
            socket.send("type", "subscribe", "topic", "room:12345");
            JsonNode ack = socket.await("ack", WAIT);
            assertEquals("subscribed", ack.path("event").asText());
            assertEquals("room:12345", ack.path("payload").path("topic").asText());
            socket.send("type", "ping");
            socket.await("pong", WAIT);
            socket.send("type", "unsubscribe", "topic", "room:12345");
            assertEquals("unsubscribed", socket.await("ack", WAIT).path("event").asText());
        }
    }

    @Test
    void aHugeFrameCloses1009() {
        try (ModClient socket = open()) {
            socket.send("{\"type\":\"auth\",\"token\":\"" + "x".repeat(10_000) + "\"}");
            assertEquals(1009, socket.awaitClose(WAIT));
        }
    }

    static String body(String event, String userId) {
        return "{\"v\":1,\"type\":\"event\",\"event\":\"" + event + "\",\"payload\":{\"guildId\":\""
                + FakeDiscordGateway.GUILD_ID + "\",\"channelId\":\"" + FakeDiscordGateway.LOBBY_ID
                + "\",\"userId\":\"" + userId + "\",\"name\":\"worker-seen\"},\"ts\":" + System.currentTimeMillis() + "}";
    }

    static String sign(String ts, String body) {
        return "sha256=" + EventSignatures.sign(FakeDiscordGateway.HMAC_SECRET.getBytes(StandardCharsets.UTF_8), ts,
                body.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String body, String... headers) {
        return new Http(base).send("POST", "api/internal/events", "application/json", body, headers);
    }

    @Test
    void signedInternalEventsReachSocketsAndForgeriesStaleAndReplaysAreRefused() {
        String userId = DiscordBotIT.discordId();
        String body = body("voice.joined", userId);
        String ts = Long.toString(Instant.now().getEpochSecond());
        try (ModClient socket = open()) {
            socket.send("type", "auth", "token", user().path("accessToken").asText());
            socket.await("ack", WAIT);
            socket.send("type", "subscribe", "topic", "room:" + FakeDiscordGateway.LOBBY_ID);
            socket.await("ack", WAIT);

            Reply accepted = post(body, "X-Hub-Timestamp", ts, "X-Hub-Signature", sign(ts, body));
            assertEquals(200, accepted.status(), accepted.body());
            assertEquals("voice.joined", accepted.json().path("event").asText());
            JsonNode event = socket.await(m -> userId.equals(m.path("payload").path("userId").asText()), WAIT,
                    "the worker's voice.joined");
            assertEquals("voice.joined", event.path("event").asText());
            assertEquals("worker-seen", event.path("payload").path("name").asText());

            Problems.assertProblem(post(body, "X-Hub-Timestamp", ts, "X-Hub-Signature", sign(ts, body)), 409,
                    "/problems/signature-replayed");
        }
        String other = body("voice.left", DiscordBotIT.discordId());
        Problems.assertProblem(post(other, "X-Hub-Timestamp", ts, "X-Hub-Signature", sign(ts, other + " ")), 401,
                "/problems/signature-invalid");
        String stale = Long.toString(Instant.now().getEpochSecond() - 120);
        Problems.assertProblem(post(other, "X-Hub-Timestamp", stale, "X-Hub-Signature", sign(stale, other)), 401,
                "/problems/signature-expired");
        Problems.assertProblem(post(other), 401, "/problems/signature-missing");
        String unknown = "{\"v\":1,\"type\":\"event\",\"event\":\"guild.burned\",\"payload\":{}}";
        Problems.assertProblem(post(unknown, "X-Hub-Timestamp", ts, "X-Hub-Signature", sign(ts, unknown)), 400,
                "/problems/invalid-event");
        assertTrue(URI.create(base.toString()).isAbsolute());
    }
}
