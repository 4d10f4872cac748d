package io.paddock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.telemetry.control.TelemetryProof;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * A simulated plugin ({@link PluginClient}) through registration, a clean session and a verified
 * podium, and through every refusal and flag of the telemetry proof. The server clock is moved, never
 * waited for.
 */
@PaddockIT
class TelemetryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    private PluginClient plugin(JsonNode user) {
        PluginClient plugin = new PluginClient(new Http(base), "iRacing");
        Reply registered = plugin.register(user.path("accessToken").asText());
        assertEquals(201, registered.status(), registered.body());
        return plugin;
    }

    @Test
    void registrationShowsTheSecretOnceAndRevocationStopsSignedRequests() {
        Http http = new Http(base);
        JsonNode user = http.newUser("user", "discord=reg-1");
        String[] auth = http.bearer(user.path("accessToken").asText());
        PluginClient plugin = plugin(user);
        assertEquals(43, plugin.secret.length());

        JsonNode list = http.get("api/plugin/installations", auth).json();
        assertEquals(1, list.size());
        assertEquals(plugin.installationId, list.get(0).path("installationId").asText());
        assertEquals("iRacing", list.get(0).path("simPlatform").asText());
        assertTrue(list.get(0).path("active").asBoolean());
        assertFalse(list.get(0).has("secret"));

        // The owner registers the same machine again: a new secret, the old one stops working.
        String oldSecret = plugin.secret;
        Reply again = plugin.register(user.path("accessToken").asText());
        assertEquals(200, again.status(), again.body());
        assertNotEquals(oldSecret, plugin.secret);
        Problems.assertProblem(plugin.postAt("api/plugin/heartbeat", "{\"version\":\"1.2.0\"}",
                Long.toString(plugin.serverNow().getEpochSecond()), oldSecret), 401, "/problems/signature-invalid");
        Reply ping = plugin.post("api/plugin/heartbeat", "{\"version\":\"1.2.1\"}");
        assertEquals(200, ping.status(), ping.body());
        assertTrue(ping.json().path("accepted").asBoolean());

        // Someone else cannot take the machine over.
        JsonNode other = http.newUser("user");
        Problems.assertProblem(http.send("POST", "api/plugin/installations", "application/json",
                "{\"installationId\":\"" + plugin.installationId + "\",\"pluginVersion\":\"1\",\"simPlatform\":\"ACC\"}",
                http.bearer(other.path("accessToken").asText())), 409, "/problems/installation-registered-elsewhere");
        Problems.assertProblem(http.send("POST", "api/plugin/installations", "application/json",
                "{\"installationId\":\"x\",\"pluginVersion\":\"1\",\"simPlatform\":\"Forza\"}", auth), 400,
                "/problems/malformed-json");
        Problems.assertProblem(http.send("POST", "api/plugin/installations", "application/json",
                "{\"installationId\":\"\",\"pluginVersion\":\"1\",\"simPlatform\":\"ACC\"}", auth), 400,
                "/problems/validation");

        String id = list.get(0).path("id").asText();
        Problems.assertProblem(http.send("DELETE", "api/plugin/installations/" + id, null, null,
                http.bearer(other.path("accessToken").asText())), 404, "/problems/installation-not-found");
        assertEquals(204, http.send("DELETE", "api/plugin/installations/" + id, null, null, auth).status());
        assertFalse(http.get("api/plugin/installations", auth).json().get(0).path("active").asBoolean());
        plugin.advance(5);
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", "{\"version\":\"1.2.1\"}"), 401,
                "/problems/installation-revoked");

        PluginClient stranger = new PluginClient(http, "ACC");
        stranger.secret = "not-registered";
        Problems.assertProblem(stranger.post("api/plugin/heartbeat", "{\"version\":\"1\"}"), 401,
                "/problems/installation-unknown");
    }

    @Test
    void cleanSessionEarnsAVerifiedPodiumAndVerifiesTheMember() {
        Http http = new Http(base);
        JsonNode user = http.newUser("user", "discord=podium-1");
        String userId = user.path("userId").asText();
        JsonNode admin = http.newUser("admin");
        String[] adminAuth = http.bearer(admin.path("accessToken").asText());
        PluginClient plugin = plugin(user);

        JsonNode before = http.get("api/admin/members/" + userId + "/verification", adminAuth).json();
        assertEquals("pending", before.path("memberState").asText());
        assertFalse(before.path("ruleHolds").asBoolean());

        String sessionId = plugin.cleanSession(2);
        Reply challenge = plugin.challenge();
        assertEquals(200, challenge.status(), challenge.body());
        String nonce = challenge.json().path("nonce").asText();
        assertNotNull(challenge.json().path("expiresAt").asText());

        Reply submitted = plugin.submit(plugin.answer(plugin.result(2), nonce));
        assertEquals(200, submitted.status(), submitted.body());
        JsonNode result = submitted.json();
        assertEquals("verified", result.path("outcome").asText(), submitted.body());
        assertEquals(100, result.path("continuityScore").asInt());
        assertEquals(0, result.path("reasons").size());
        assertTrue(result.path("memberVerified").asBoolean());
        assertEquals(sessionId, result.path("sessionId").asText());

        JsonNode after = http.get("api/admin/members/" + userId + "/verification", adminAuth).json();
        assertEquals("verified", after.path("memberState").asText());
        assertTrue(after.path("ruleHolds").asBoolean());
        assertEquals(3, after.path("checks").size());
        assertEquals("verified", http.get("api/profile/me", http.bearer(user.path("accessToken").asText())).json()
                .path("verificationState").asText());

        JsonNode mine = http.get("api/results?limit=5", http.bearer(user.path("accessToken").asText())).json();
        assertEquals(1, mine.path("total").asInt());
        assertEquals("Spa-Francorchamps", mine.path("items").get(0).path("track").asText());
        JsonNode podiums = http.get("api/users/" + userId + "/podiums").json();
        assertEquals(1, podiums.size());
        assertEquals(2, podiums.get(0).path("finalPosition").asInt());

        String month = YearMonth.from(plugin.serverNow().atZone(ZoneOffset.UTC)).toString();
        JsonNode board = http.get("api/podiums/leaderboard?platform=iracing&month=" + month).json();
        assertEquals("iRacing", board.path("simPlatform").asText());
        boolean listed = false;
        for (JsonNode row : board.path("rows")) {
            if (row.path("userId").asText().equals(userId)) {
                listed = true;
                assertEquals(1, row.path("seconds").asInt());
                assertEquals(1, row.path("podiums").asInt());
            }
        }
        assertTrue(listed, board.toString());
        assertEquals("Test user", board.path("rows").get(0).path("displayName").asText());
        assertEquals(0, http.get("api/podiums/leaderboard?platform=ACC&month=" + month).json().path("rows").size());
        Problems.assertProblem(http.get("api/podiums/leaderboard?platform=Forza"), 400, "/problems/invalid-sim-platform");
        Problems.assertProblem(http.get("api/podiums/leaderboard?month=November"), 400, "/problems/invalid-month");
        Problems.assertProblem(http.get("api/results?limit=0", http.bearer(user.path("accessToken").asText())), 400,
                "/problems/invalid-paging");

        // The session is closed by its result; the next heartbeat starts a new one.
        plugin.advance(5);
        Reply next = plugin.heartbeat(120, 5000, 3, 30, 2, 130);
        assertEquals(200, next.status(), next.body());
        assertNotEquals(sessionId, next.json().path("sessionId").asText());
        Problems.assertProblem(plugin.submit(plugin.result(5).put("sessionId", sessionId)), 409,
                "/problems/session-closed");
    }

    @Test
    void podiumsAndMyResultsPagesAreServed() {
        Http http = new Http(base);
        Reply podiums = http.get("podiums");
        assertEquals(200, podiums.status());
        assertTrue(podiums.body().contains("/js/telemetry/podiums.js"));
        assertTrue(http.get("js/telemetry/podiums.js").body().contains("/api/podiums/leaderboard"));
        Reply mine = http.get("my-results");
        assertEquals(200, mine.status());
        assertTrue(mine.body().contains("/js/telemetry/my-results.js"));
        assertTrue(http.get("js/telemetry/my-results.js").body().contains("/api/plugin/installations"));
        assertTrue(http.get("js/paddock.js").body().contains("'/podiums'"), "Podiums is in the menu");
    }

    @Test
    void badSignaturesReplaysAndStaleTimestampsAreRefused() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        String body = PluginClient.heartbeatBody("150", "6000", 3, "10", 4, "100");
        String now = Long.toString(plugin.serverNow().getEpochSecond());

        Problems.assertProblem(plugin.postAt("api/plugin/heartbeat", body, now, "wrong-secret"), 401,
                "/problems/signature-invalid");
        // A body altered after signing.
        PluginClient.Signed signed = new PluginClient.Signed("api/plugin/heartbeat", now, body,
                TelemetryProof.requestSignature(plugin.secret.getBytes(StandardCharsets.UTF_8), now,
                        body.getBytes(StandardCharsets.UTF_8)));
        Problems.assertProblem(plugin.send(new PluginClient.Signed(signed.path(), now, body.replace("6000", "6001"),
                signed.signature())), 401, "/problems/signature-invalid");
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "application/json", body), 401,
                "/problems/signature-missing");
        long old = plugin.serverNow().getEpochSecond() - 61;
        Problems.assertProblem(plugin.postAt("api/plugin/heartbeat", body, Long.toString(old), plugin.secret), 401,
                "/problems/signature-expired");
        Problems.assertProblem(plugin.postAt("api/plugin/heartbeat", body, "yesterday", plugin.secret), 401,
                "/problems/signature-timestamp-invalid");

        Reply first = plugin.send(signed);
        assertEquals(200, first.status(), first.body());
        plugin.advance(5);
        Problems.assertProblem(plugin.send(signed), 401, "/problems/request-replayed");
    }

    @Test
    void badHashInvalidBodiesAndTooFastHeartbeatsAreRefused() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        String bad = PluginClient.heartbeatBody("150", "6000", 3, "10", 4, "100").replace("\"currentSpeed\":150",
                "\"currentSpeed\":151");
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", bad), 400, "/problems/telemetry-hash-mismatch");
        JsonNode invalid = Problems.assertProblem(plugin.post("api/plugin/heartbeat",
                "{\"currentSpeed\":150,\"currentGear\":30}"), 400, "/problems/validation");
        assertTrue(invalid.path("errors").toString().contains("currentGear"), invalid.toString());
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", "not json"), 400, "/problems/malformed-json");
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", "null"), 400, "/problems/validation");
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", "[1]"), 400, "/problems/malformed-json");

        // Trailing zeros do not change the hash: 150.0 hashes as 150.
        assertEquals(200, plugin.post("api/plugin/heartbeat",
                PluginClient.heartbeatBody("150.0", "6000.00", 3, "10", 4, "100.0")).status());
        plugin.advance(2);
        Reply tooSoon = plugin.heartbeat(160, 6500, 4, 12, 4, 102);
        Problems.assertProblem(tooSoon, 429, "/problems/rate-limited");
        assertEquals("1", tooSoon.header("Retry-After"));
        plugin.advance(1);
        assertEquals(200, plugin.heartbeat(160, 6500, 4, 13, 4, 103).status());
    }

    @Test
    void numbersPastTheInputLimitsAreRefusedBeforeAnythingIsComputedOrStored() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        // 1E-50000000 is in range (0..1000) and 11 characters long; written out it is 50 million digits.
        // The hash is never reached, so any hash will do.
        String[] fields = {"currentSpeed", "currentRPM", "sessionTime"};
        for (String field : fields) {
            String body = PluginClient.heartbeatBody("150", "6000", 3, "10", 4, "100")
                    .replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":1E-50000000");
            JsonNode refused = Problems.assertProblem(plugin.post("api/plugin/heartbeat", body), 400,
                    "/problems/input-limit");
            assertEquals(field, refused.path("errors").path(0).path("field").asText(), refused.toString());
        }
        String quoted = PluginClient.heartbeatBody("150", "6000", 3, "10", 4, "100")
                .replace("\"currentSpeed\":150", "\"currentSpeed\":\"1E-50000000\"");
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", quoted), 400, "/problems/input-limit");
        Problems.assertProblem(plugin.post("api/plugin/heartbeat", PluginClient.heartbeatBody("150", "6000", 3, "10",
                4, "100").replace("\"currentGear\":3", "\"currentGear\":" + "3".repeat(500))), 400,
                "/problems/input-limit");

        // None of them was kept: a heartbeat right away is the first of a new session, not rate-limited.
        Reply first = plugin.heartbeat(150, 6000, 3, 10, 4, 100);
        assertEquals(200, first.status(), first.body());
        assertTrue(first.json().path("accepted").asBoolean(), first.body());
    }

    @Test
    void aHeartbeatThatCannotBeStoredIsRefusedWith503AndLeavesNoTrace() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        String now = Long.toString(plugin.serverNow().getEpochSecond());
        String body = PluginClient.heartbeatBody("150", "6000", 3, "10", 4, "100");
        PluginClient.Signed signed = new PluginClient.Signed("api/plugin/heartbeat", now, body,
                TelemetryProof.requestSignature(plugin.secret.getBytes(StandardCharsets.UTF_8), now,
                        body.getBytes(StandardCharsets.UTF_8)));
        refuseWrites(http, true);
        Reply refused;
        try {
            refused = plugin.send(signed);
        } finally {
            refuseWrites(http, false);
        }
        Problems.assertProblem(refused, 503, "/problems/heartbeat-not-stored");
        assertEquals("1", refused.header("Retry-After"));
        assertNotNull(refused.header("X-Request-Id"));
        assertEquals(refused.header("X-Request-Id"), refused.json().path("requestId").asText());

        // Nothing of it was kept, neither in memory nor in the database: the same signed request is no
        // replay, and the session it starts is not rate-limited by the refused one.
        Reply again = plugin.send(signed);
        assertEquals(200, again.status(), again.body());
        assertTrue(again.json().path("accepted").asBoolean(), again.body());
    }

    @Test
    void theHeartbeatEndpointRefusesOtherMethodsAndMediaTypesAsProblems() {
        Http http = new Http(base);
        Reply get = http.send("GET", "api/plugin/heartbeat", null, null);
        Problems.assertProblem(get, 405, "/problems/method-not-allowed");
        assertTrue(get.header("Allow").contains("POST"), get.header("Allow"));
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "text/plain", "{}"), 415,
                "/problems/unsupported-media-type");
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "application/json",
                "{\"version\":\"" + "x".repeat(20_000) + "\"}"), 413, "/problems/payload-too-large");
        Reply ownId = http.send("POST", "api/plugin/heartbeat", "application/json", "{}", "X-Request-Id", "rid-42");
        Problems.assertProblem(ownId, 401, "/problems/signature-missing");
        assertEquals("rid-42", ownId.header("X-Request-Id"));
        assertEquals("rid-42", ownId.json().path("requestId").asText());
    }

    private static void refuseWrites(Http http, boolean refuse) {
        Reply reply = http.send("POST", "api/test-support/telemetry/refuse-writes?refuse=" + refuse, null, null);
        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void aGapOverTenSecondsStartsANewSessionReportedStale() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        Reply first = plugin.heartbeat(150, 6000, 3, 10, 4, 100);
        String firstSession = first.json().path("sessionId").asText();
        assertFalse(first.json().has("code"), first.body());
        plugin.advance(11);
        Reply later = plugin.heartbeat(160, 6500, 4, 21, 4, 111);
        assertEquals(200, later.status(), later.body());
        assertEquals("CONNECTION_STALE", later.json().path("code").asText());
        assertTrue(later.json().path("accepted").asBoolean());
        assertNotEquals(firstSession, later.json().path("sessionId").asText());
    }

    @Test
    void staticTelemetryIsReportedAndNotAccepted() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        plugin.heartbeat(150, 6000, 3, 10, 4, 100);
        plugin.advance(5);
        Reply same = plugin.heartbeat(150.05, 6000.5, 3, 15, 4, 105);
        assertEquals(200, same.status(), same.body());
        assertFalse(same.json().path("accepted").asBoolean());
        assertEquals("STATIC_TELEMETRY", same.json().path("code").asText());
    }

    @Test
    void aResultNeedsAFreshHeartbeatOfItsSession() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        plugin.cleanSession(6);
        plugin.advance(31);
        Problems.assertProblem(plugin.submit(plugin.result(6)), 409, "/problems/no-fresh-heartbeat");
        Problems.assertProblem(plugin.submit(plugin.result(6).put("sessionId", "00000000-0000-0000-0000-000000000001")),
                404, "/problems/session-not-found");
    }

    @Test
    void aFinalPositionFarFromTheLastHeartbeatIsFlagged() {
        Http http = new Http(base);
        JsonNode user = http.newUser("user", "discord=jump-1");
        PluginClient plugin = plugin(user);
        plugin.cleanSession(8);
        Reply submitted = plugin.submit(plugin.result(4));
        assertEquals(200, submitted.status(), submitted.body());
        assertEquals("flagged", submitted.json().path("outcome").asText());
        assertEquals("[\"POSITION_JUMP\"]", submitted.json().path("reasons").toString());
        JsonNode mine = http.get("api/results", http.bearer(user.path("accessToken").asText())).json();
        assertEquals("flagged", mine.path("items").get(0).path("outcome").asText());
        assertEquals(0, http.get("api/users/" + user.path("userId").asText() + "/podiums").json().size());
    }

    @Test
    void lowContinuityIsFlagged() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        double[][] wild = {{50, 3000, 2, 10}, {400, 7000, 6, 60}, {20, 2000, 1, 30}, {380, 9000, 6, 80}};
        double sessionTime = 100;
        for (int i = 0; i < wild.length; i++) {
            if (i > 0) {
                plugin.advance(5);
            }
            assertEquals(200, plugin.heartbeat(wild[i][0], wild[i][1], (int) wild[i][2], wild[i][3], 9, sessionTime)
                    .status());
            sessionTime += 5;
        }
        Reply submitted = plugin.submit(plugin.result(9));
        assertEquals(200, submitted.status(), submitted.body());
        assertEquals("flagged", submitted.json().path("outcome").asText());
        assertEquals("[\"LOW_CONTINUITY\"]", submitted.json().path("reasons").toString());
        assertEquals(40, submitted.json().path("continuityScore").asInt());
    }

    @Test
    void tooLittleTelemetryLeavesTheResultPending() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        plugin.heartbeat(150, 6000, 3, 10, 7, 100);
        Reply submitted = plugin.submit(plugin.result(7));
        assertEquals("pending", submitted.json().path("outcome").asText(), submitted.body());
        assertEquals("[\"INSUFFICIENT_TELEMETRY\"]", submitted.json().path("reasons").toString());
    }

    @Test
    void podiumChallengesAreRequiredExpireAfterFiveSecondsAndWorkOnce() {
        Http http = new Http(base);
        PluginClient plugin = plugin(http.newUser("user"));
        plugin.cleanSession(1);
        Problems.assertProblem(plugin.submit(plugin.result(1)), 400, "/problems/challenge-required");

        String expired = plugin.challenge().json().path("nonce").asText();
        plugin.advance(6);
        Problems.assertProblem(plugin.submit(plugin.answer(plugin.result(1), expired)), 409,
                "/problems/challenge-expired");

        String nonce = plugin.challenge().json().path("nonce").asText();
        ObjectNode tampered = plugin.answer(plugin.result(1), nonce);
        tampered.put("laps", 13);
        Problems.assertProblem(plugin.submit(tampered), 400, "/problems/challenge-answer-invalid");
        Problems.assertProblem(plugin.submit(plugin.answer(plugin.result(1), "00000000-0000-0000-0000-000000000002")),
                404, "/problems/challenge-not-found");

        Reply won = plugin.submit(plugin.answer(plugin.result(1), nonce));
        assertEquals(200, won.status(), won.body());
        assertEquals("verified", won.json().path("outcome").asText());
        assertFalse(won.json().path("memberVerified").asBoolean(), "no Discord identity linked");
        plugin.advance(1); // a new timestamp, so it is not refused as a replayed request first
        Problems.assertProblem(plugin.submit(plugin.answer(plugin.result(1), nonce)), 409, "/problems/challenge-used");
    }
}
