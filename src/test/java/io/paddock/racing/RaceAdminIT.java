package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;

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
import io.paddock.testing.SeedPoolStandIn;

/**
 * Black-box: staff cancel, delete, reset races and remove participants, with a reason and a ticket; each
 * action writes exactly one audit row (none when refused) and live sockets learn of it.
 */
@PaddockIT
class RaceAdminIT {

    static final String JSON = "application/json";
    static final String WHY = "\"reason\":\"Organizer asked support to step in\",\"ticketId\":\"RACE-5\"";
    static final Duration WAIT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    final HttpClient client = HttpClient.newHttpClient();
    Http http;
    JsonNode organizer;
    String[] asAdmin;

    @BeforeEach
    void people() {
        http = new Http(base);
        organizer = http.newUser("user");
        asAdmin = http.bearer(http.newUser("admin").path("accessToken").asText());
    }

    @Test
    void aCancelledRaceIsToldToItsSpectatorsAndTakesNoMoreChanges() {
        String raceId = createRace();
        assertEquals(200, organizerPost("api/races/" + raceId + "/open", "{}").status());
        JsonNode noTicket = Problems.assertProblem(admin(raceId + "/cancel",
                "{\"reason\":\"Organizer asked support to step in\"}"), 400, "/problems/validation");
        assertEquals("ticketId", noTicket.path("errors").path(0).path("field").asText(), noTicket.toString());

        try (ModClient spectator = ModClient.connect(client, ModClient.socketUri(base, "ws/race/" + raceId))) {
            spectator.await("race_state", WAIT);
            Reply cancelled = admin(raceId + "/cancel", "{" + WHY + "}");
            assertEquals(200, cancelled.status(), cancelled.body());
            assertEquals("cancelled", cancelled.json().path("status").asText());
            spectator.await(m -> m.path("type").asText().equals("race_status_change")
                    && m.path("status").asText().equals("cancelled"), WAIT, "cancelled");
        }
        Problems.assertProblem(admin(raceId + "/cancel", "{" + WHY + "}"), 409, "/problems/race-state");
        Problems.assertProblem(admin(raceId + "/reset", "{" + WHY + "}"), 409, "/problems/race-state");

        JsonNode rows = trail("race", raceId, "racing.race.cancel");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("status=open", rows.path(0).path("before").asText());
        assertEquals("status=cancelled", rows.path(0).path("after").asText());
        assertEquals("RACE-5", rows.path(0).path("ticketId").asText());
    }

    @Test
    void onlyADraftIsDeleted() {
        String draft = createRace();
        assertEquals(204, admin(draft + "/delete", "{" + WHY + "}").status());
        Problems.assertProblem(http.get("api/races/" + draft, auth(organizer)), 404, "/problems/race-not-found");
        assertEquals(1, trail("race", draft, "racing.race.delete").size());

        String open = createRace();
        assertEquals(200, organizerPost("api/races/" + open + "/open", "{}").status());
        Problems.assertProblem(admin(open + "/delete", "{" + WHY + "}"), 409, "/problems/race-state");
        assertEquals(0, trail("race", open, "racing.race.delete").size(), "a refused delete leaves no row");
    }

    @Test
    void aResetTakesAnOpenRaceBackToDraftAndAStartedOneBackToOpen() {
        String raceId = createRace();
        String ivy = "ivy_" + UUID.randomUUID().toString().substring(0, 8);
        http.newUser("user", "twitch=" + ivy);
        assertEquals(201, organizerPost("api/races/" + raceId + "/participants",
                "{\"twitch_username\":\"" + ivy + "\"}").status());
        assertEquals(200, organizerPost("api/races/" + raceId + "/open", "{}").status());

        Reply toDraft = admin(raceId + "/reset", "{\"to\":\"draft\"," + WHY + "}");
        assertEquals(200, toDraft.status(), toDraft.body());
        assertEquals("draft", toDraft.json().path("status").asText());
        Problems.assertProblem(admin(raceId + "/reset", "{\"to\":\"open\"," + WHY + "}"), 409, "/problems/race-state");

        assertEquals(200, organizerPost("api/races/" + raceId + "/open", "{}").status());
        String at = appNow().plusSeconds(60).toString();
        assertEquals(200, organizerPost("api/races/" + raceId + "/start", "{\"scheduled_start\":\"" + at + "\"}")
                .status());
        Reply toOpen = admin(raceId + "/reset", "{" + WHY + "}");
        assertEquals(200, toOpen.status(), toOpen.body());
        assertEquals("open", toOpen.json().path("status").asText());

        JsonNode rows = trail("race", raceId, "racing.race.reset");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("status=countdown", rows.path(0).path("before").asText());
        assertEquals("status=open", rows.path(1).path("before").asText());
        assertEquals("status=draft", rows.path(1).path("after").asText());
    }

    @Test
    void aRemovedParticipantsModSocketIsClosedAndThePoolScanIsAudited() {
        String raceId = createRace();
        String ivy = "ivy_" + UUID.randomUUID().toString().substring(0, 8);
        http.newUser("user", "twitch=" + ivy);
        String pid = organizerPost("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + ivy + "\"}")
                .json().path("participant").path("id").asText();
        String token = ModClient.modTokens(http, raceId, organizer).get(ivy);
        try (ModClient mod = ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId))) {
            mod.auth(token);
            assertEquals(204, admin(raceId + "/participants/" + pid + "/remove", "{" + WHY + "}").status());
            assertEquals(4003, mod.awaitClose(WAIT), "the removed participant's socket is closed");
        }
        JsonNode rows = trail("participant", pid, "racing.participant.remove");
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.path(0).path("before").asText().contains(ivy), rows.toString());

        SeedPoolStandIn.addSeed("standard", 3101);
        Problems.assertProblem(http.send("POST", "api/admin/pools/scan", JSON, "{}", asAdmin), 400,
                "/problems/validation");
        Reply scan = http.send("POST", "api/admin/pools/scan", JSON, "{" + WHY + "}", asAdmin);
        assertEquals(200, scan.status(), scan.body());
        JsonNode scans = trail("seed-pools", "all", "racing.pools.scan");
        assertTrue(scans.size() >= 1, scans.toString());
        assertEquals("added=" + scan.json().path("added").asInt() + ", skipped="
                + scan.json().path("skipped").size(), scans.path(0).path("after").asText());
    }

    private java.time.Instant appNow() {
        return java.time.Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=0", null, null)
                .json().asText());
    }

    private String[] auth(JsonNode user) {
        return http.bearer(user.path("accessToken").asText());
    }

    private Reply organizerPost(String path, String body) {
        return http.send("POST", path, JSON, body, auth(organizer));
    }

    private Reply admin(String path, String body) {
        return http.send("POST", "api/admin/races/" + path, JSON, body, asAdmin);
    }

    private String createRace() {
        Reply created = organizerPost("api/races", "{\"name\":\"Race " + UUID.randomUUID()
                + "\",\"pool_name\":\"standard\",\"config\":{\"max_participants\":8}}");
        assertEquals(201, created.status(), created.body());
        assertEquals("draft", created.json().path("status").asText());
        return created.json().path("id").asText();
    }

    private JsonNode trail(String type, String id, String action) {
        Reply reply = http.get("api/admin/audit?targetType=" + type + "&targetId=" + id + "&action=" + action, asAdmin);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("entries");
    }
}
