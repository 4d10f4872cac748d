package io.paddock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;
import io.paddock.telemetry.control.TelemetryProof;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;

/**
 * A simulated SimHub plugin: registers an installation with a user's access token, then signs every
 * request as docs/api/plugin.md describes. It follows the server's (test) clock, which tests move.
 */
public final class PluginClient {

    final Http http;
    final String installationId;
    final String platform;
    String secret;
    String sessionId;

    /** The last signed request, to replay it. */
    record Signed(String path, String timestamp, String body, String signature) {
    }

    Signed last;

    public PluginClient(Http http, String platform) {
        this(http, platform, "test-" + UUID.randomUUID());
    }

    private PluginClient(Http http, String platform, String installationId) {
        this.http = http;
        this.platform = platform;
        this.installationId = installationId;
    }

    /** The same installation (secret and session) sending to another server: another node of a cluster. */
    public PluginClient on(Http other) {
        PluginClient moved = new PluginClient(other, platform, installationId);
        moved.secret = secret;
        moved.sessionId = sessionId;
        return moved;
    }

    /** The installation id the plugin sends in {@code X-Paddock-Installation}. */
    public String installationId() {
        return installationId;
    }

    public Reply register(String accessToken) {
        Reply reply = http.send("POST", "api/plugin/installations", "application/json", "{\"installationId\":\""
                + installationId + "\",\"pluginVersion\":\"1.2.0\",\"simPlatform\":\"" + platform + "\"}",
                http.bearer(accessToken));
        if (reply.status() == 201 || reply.status() == 200) {
            secret = reply.json().path("secret").asText();
        }
        return reply;
    }

    /** The server's current time (advancing the test clock by zero). */
    Instant serverNow() {
        return advance(0);
    }

    public Instant advance(long seconds) {
        Reply reply = http.send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null);
        assertEquals(200, reply.status(), reply.body());
        return Instant.parse(reply.json().asText());
    }

    Reply post(String path, String body) {
        return postAt(path, body, Long.toString(serverNow().getEpochSecond()), secret);
    }

    Reply postAt(String path, String body, String timestamp, String key) {
        String signature = TelemetryProof.requestSignature(key.getBytes(StandardCharsets.UTF_8), timestamp,
                body.getBytes(StandardCharsets.UTF_8));
        last = new Signed(path, timestamp, body, signature);
        return send(last);
    }

    Reply send(Signed request) {
        return http.send("POST", request.path(), "application/json", request.body(), "X-Paddock-Installation",
                installationId, "X-Paddock-Timestamp", request.timestamp(), "X-Paddock-Signature",
                "sha256=" + request.signature());
    }

    Reply replayLast() {
        return send(last);
    }

    static String heartbeatBody(String speed, String rpm, int gear, String lapTime, int position, String sessionTime) {
        String hash = TelemetryProof.telemetryHash(TelemetryProof.canonical(new BigDecimal(speed)),
                TelemetryProof.canonical(new BigDecimal(rpm)), Integer.toString(gear), Integer.toString(position),
                TelemetryProof.canonical(new BigDecimal(sessionTime)));
        return "{\"timestamp\":\"2026-11-22T07:00:00Z\",\"currentSpeed\":" + speed + ",\"currentRPM\":" + rpm
                + ",\"currentGear\":" + gear + ",\"currentLapTime\":" + lapTime + ",\"currentPosition\":" + position
                + ",\"sessionTime\":" + sessionTime + ",\"telemetryHash\":\"" + hash + "\"}";
    }

    public Reply heartbeat(double speed, double rpm, int gear, double lapTime, int position, double sessionTime) {
        Reply reply = post("api/plugin/heartbeat", heartbeatBody(plain(speed), plain(rpm), gear, plain(lapTime),
                position, plain(sessionTime)));
        if (reply.status() == 200 && reply.json().hasNonNull("sessionId")) {
            sessionId = reply.json().path("sessionId").asText();
        }
        return reply;
    }

    private int plainHeartbeats;

    /**
     * One plain signed heartbeat, for tests that only need a signed request: the test clock first moves past
     * the heartbeats' minimum interval, and the body is new each time (never a replay).
     */
    public Reply anyHeartbeat() {
        advance(TelemetryProof.MIN_INTERVAL.toSeconds() + 1);
        return heartbeat(150, 6000, 3, 10, 1, 100 + plainHeartbeats++);
    }

    /** Five clean heartbeats 5 s apart, ending in {@code finalPosition}; returns the session id. */
    public String cleanSession(int finalPosition) {
        double[][] laps = {{150, 6000, 3, 10}, {180, 7000, 4, 15}, {160, 6500, 4, 20}, {200, 7500, 5, 2},
                {190, 7200, 5, 7}};
        double sessionTime = 100;
        for (int i = 0; i < laps.length; i++) {
            if (i > 0) {
                advance(5);
            }
            int position = i < 3 ? finalPosition + 1 : finalPosition;
            Reply reply = heartbeat(laps[i][0], laps[i][1], (int) laps[i][2], laps[i][3], position, sessionTime);
            assertEquals(200, reply.status(), reply.body());
            assertEquals(true, reply.json().path("accepted").asBoolean(), reply.body());
            sessionTime += 5;
        }
        return sessionId;
    }

    Reply challenge() {
        return post("api/plugin/challenge", "{\"sessionId\":\"" + sessionId + "\"}");
    }

    public ObjectNode result(int finalPosition) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("sessionId", sessionId);
        result.put("simPlatform", platform);
        result.put("track", "Spa-Francorchamps");
        result.put("car", "Porsche 911 GT3 R");
        result.put("series", "Sunday Sprint");
        result.put("finalPosition", finalPosition);
        result.put("fieldSize", 24);
        result.put("laps", 12);
        result.put("bestLapMs", 138_456L);
        result.put("totalTimeMs", 1_702_345L);
        result.put("competitiveness", 7);
        return result;
    }

    /** Adds the challenge nonce and its answer: HMAC(secret, nonce + "." + resultDigest). */
    ObjectNode answer(ObjectNode result, String nonce) {
        String digest = TelemetryProof.resultDigest(result.path("sessionId").asText(), result.path("simPlatform")
                .asText(), result.path("track").asText(), result.path("car").asText(), result.path("series").asText(),
                result.path("finalPosition").asInt(), result.path("fieldSize").asInt(), result.path("laps").asInt(),
                result.path("bestLapMs").asLong(), result.path("totalTimeMs").asLong(),
                result.path("competitiveness").asInt());
        result.put("challengeNonce", nonce);
        result.put("challengeAnswer", TelemetryProof.challengeAnswer(secret.getBytes(StandardCharsets.UTF_8), nonce,
                digest));
        return result;
    }

    public Reply submit(JsonNode result) {
        return post("api/plugin/results", result.toString());
    }

    static String plain(double value) {
        return TelemetryProof.canonical(BigDecimal.valueOf(value));
    }
}
