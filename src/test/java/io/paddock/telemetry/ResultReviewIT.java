package io.paddock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: staff see the results the proof did not verify with their evidence, verify or reject them
 * with a reason (audited; a verified one counts and completes the membership), and set a member's state
 * by hand.
 */
@PaddockIT
class ResultReviewIT {

    static final String JSON = "application/json";
    static final String WHY = ",\"reason\":\"Checked the replay against the telemetry\",\"ticketId\":\"RES-7\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    Http http;
    String[] admin;

    @BeforeEach
    void staff() {
        http = new Http(base);
        admin = http.bearer(http.newUser("admin").path("accessToken").asText());
    }

    @Test
    void aFlaggedResultWaitsWithItsEvidenceAndVerifyingItCountsAndVerifiesTheMember() {
        JsonNode driver = http.newUser("user", "discord=review-1");
        String userId = driver.path("userId").asText();
        PluginClient plugin = plugin(driver);
        plugin.cleanSession(8);
        Reply challenge = plugin.challenge();
        // From 8th at the last heartbeat to a 2nd place: a position jump.
        Reply submitted = plugin.submit(plugin.answer(plugin.result(2), challenge.json().path("nonce").asText()));
        assertEquals("flagged", submitted.json().path("outcome").asText(), submitted.body());
        String resultId = submitted.json().path("id").asText();

        JsonNode entry = queued(resultId, "pending,flagged");
        assertEquals(userId, entry.path("userId").asText());
        assertEquals("[\"POSITION_JUMP\"]", entry.path("result").path("reasons").toString());
        assertTrue(entry.path("evidence").path("heartbeats").asInt() >= 2, entry.toString());
        long version = entry.path("version").asLong();

        String[] support = http.bearer(http.newUser("support").path("accessToken").asText());
        assertEquals(200, http.get("api/admin/results", support).status(), "support reads the queue");
        Problems.assertProblem(decide(resultId, "verify", version, support), 403, "/problems/forbidden");
        JsonNode missing = Problems.assertProblem(http.send("POST", "api/admin/results/" + resultId + "/review", JSON,
                "{\"decision\":\"verify\",\"version\":" + version + "}", admin), 400, "/problems/validation");
        assertTrue(missing.path("errors").toString().contains("reason"), missing.toString());

        Reply verified = decide(resultId, "verify", version, admin);
        assertEquals(200, verified.status(), verified.body());
        assertEquals("verified", verified.json().path("result").path("outcome").asText());
        Problems.assertProblem(decide(resultId, "verify", version, admin), 409, "/problems/concurrent-update");
        Problems.assertProblem(decide(resultId, "verify", version + 1, admin), 409, "/problems/result-already-verified");

        assertEquals(1, http.get("api/users/" + userId + "/podiums").json().size(), "the podium counts now");
        assertEquals("verified", membership(userId).path("memberState").asText());
        JsonNode audit = http.get("api/admin/audit?targetType=result&targetId=" + resultId,
                http.bearer(http.newUser("superadmin").path("accessToken").asText())).json().path("entries");
        assertEquals(1, audit.size(), audit.toString());
        assertEquals("outcome=flagged", audit.path(0).path("before").asText());
        assertEquals("outcome=verified", audit.path(0).path("after").asText());
    }

    @Test
    void aRejectedResultStopsCountingAndLeavesTheQueue() {
        JsonNode driver = http.newUser("user", "discord=review-2");
        PluginClient plugin = plugin(driver);
        plugin.cleanSession(2);
        Reply challenge = plugin.challenge();
        Reply submitted = plugin.submit(plugin.answer(plugin.result(2), challenge.json().path("nonce").asText()));
        assertEquals("verified", submitted.json().path("outcome").asText(), submitted.body());
        String resultId = submitted.json().path("id").asText();
        String userId = driver.path("userId").asText();
        assertEquals(1, http.get("api/users/" + userId + "/podiums").json().size());

        JsonNode entry = queued(resultId, "verified");
        Reply rejected = decide(resultId, "reject", entry.path("version").asLong(), admin);
        assertEquals(200, rejected.status(), rejected.body());
        assertEquals("rejected", rejected.json().path("result").path("outcome").asText());
        assertEquals(0, http.get("api/users/" + userId + "/podiums").json().size(), "no longer counted");
        JsonNode mine = http.get("api/results", http.bearer(driver.path("accessToken").asText())).json();
        assertEquals("rejected", mine.path("items").path(0).path("outcome").asText());

        Problems.assertProblem(http.get("api/admin/results?outcome=pending,cheating", admin), 400,
                "/problems/validation");
        Problems.assertProblem(decide("00000000-0000-0000-0000-000000000000", "verify", 0, admin), 404,
                "/problems/result-not-found");
    }

    @Test
    void anAdminSetsTheMemberStateByHandWithAReason() {
        String userId = http.newUser("user").path("userId").asText();
        String path = "api/admin/members/" + userId + "/verification";
        Reply set = http.send("PUT", path, JSON, "{\"state\":\"verified\"" + WHY + "}", admin);
        assertEquals(200, set.status(), set.body());
        assertEquals("verified", set.json().path("memberState").asText());
        Problems.assertProblem(http.send("PUT", path, JSON, "{\"state\":\"verified\"" + WHY + "}", admin), 409,
                "/problems/membership-unchanged");
        JsonNode noTicket = Problems.assertProblem(http.send("PUT", path, JSON,
                "{\"state\":\"pending\",\"reason\":\"Verified by mistake earlier\"}", admin), 400, "/problems/validation");
        assertEquals("ticketId", noTicket.path("errors").path(0).path("field").asText(), noTicket.toString());
        assertEquals(200, http.send("PUT", path, JSON, "{\"state\":\"pending\"" + WHY + "}", admin).status());
        assertEquals("pending", membership(userId).path("memberState").asText());
    }

    private PluginClient plugin(JsonNode user) {
        PluginClient plugin = new PluginClient(new Http(base), "iRacing");
        Reply registered = plugin.register(user.path("accessToken").asText());
        assertEquals(201, registered.status(), registered.body());
        return plugin;
    }

    /** The queue entry of a result, found by paging through the given outcomes. */
    private JsonNode queued(String resultId, String outcomes) {
        for (int offset = 0; ; offset += 100) {
            JsonNode page = http.get("api/admin/results?limit=100&offset=" + offset + "&outcome=" + outcomes, admin)
                    .json();
            for (JsonNode item : page.path("items")) {
                if (item.path("result").path("id").asText().equals(resultId)) {
                    return item;
                }
            }
            if (page.path("items").size() < 100) {
                throw new AssertionError("Result " + resultId + " is not in the " + outcomes + " queue: " + page);
            }
        }
    }

    private Reply decide(String resultId, String decision, long version, String[] auth) {
        return http.send("POST", "api/admin/results/" + resultId + "/review", JSON,
                "{\"decision\":\"" + decision + "\",\"version\":" + version + WHY + "}", auth);
    }

    private JsonNode membership(String userId) {
        return http.get("api/admin/members/" + userId + "/verification", admin).json();
    }
}
