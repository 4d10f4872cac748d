package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * What the race list and the race room read beyond one race: entrant counts, the paged history of
 * finished races, "my races" with drafts, a reset that keeps the results as an attempt, game zone ids
 * moving players through the graph, the spectator socket of a signed-in browser, and the pages' clean
 * addresses.
 */
@PaddockIT
class RaceListsIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    final HttpClient client = HttpClient.newHttpClient();

    Http http() {
        return new Http(base);
    }

    static String unique(String login) {
        return login + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    Reply post(String path, String body, JsonNode user) {
        return http().send("POST", path, "application/json", body, http().bearer(user.path("accessToken").asText()));
    }

    Reply get(String path, JsonNode user) {
        return http().get(path, http().bearer(user.path("accessToken").asText()));
    }

    String createRace(JsonNode organizer, String name) {
        Reply created = post("api/races", "{\"name\":\"" + name + "\",\"pool_name\":\"standard\"}", organizer);
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    String modToken(String raceId, JsonNode organizer) {
        Reply zips = post("api/races/" + raceId + "/generate-zips", null, organizer);
        assertEquals(200, zips.status(), zips.body());
        String url = zips.json().path("downloads").get(0).path("url").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    void startNow(String raceId, JsonNode organizer, ModClient watcher) {
        Instant now = Instant.parse(http().send("POST", "api/test-support/clock/advance?seconds=0", null, null).json()
                .asText());
        Reply start = post("api/races/" + raceId + "/start", "{\"scheduled_start\":\"" + now.plusSeconds(30) + "\"}",
                organizer);
        assertEquals(200, start.status(), start.body());
        assertEquals(200, http().send("POST", "api/test-support/clock/advance?seconds=31", null, null).status());
        watcher.await(m -> m.path("type").asText().equals("race_status_change")
                && m.path("status").asText().equals("running"), WAIT, "running");
    }

    static List<String> ids(JsonNode races) {
        List<String> ids = new ArrayList<>();
        races.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void myRacesListDraftsAndEntriesAndTheListCountsEntrants() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String login = unique("entrant");
        JsonNode entrant = http.newUser("user", "twitch=" + login);
        String raceId = createRace(organizer, "Mine " + UUID.randomUUID());
        assertEquals(201, post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}",
                organizer).status());

        JsonNode mine = get("api/races/mine", organizer).json();
        assertTrue(ids(mine.path("organized")).contains(raceId), "the draft is under organized: " + mine);
        JsonNode draft = mine.path("organized").get(0);
        assertEquals("draft", draft.path("status").asText());
        assertEquals(1, draft.path("entrant_count").asInt());
        assertEquals(4, draft.path("total_layers").asInt());
        assertFalse(ids(mine.path("entered")).contains(raceId));
        assertFalse(ids(http.get("api/races").json()).contains(raceId), "a draft is not in the public list");
        assertEquals(0, http.get("api/races?status=draft").json().size(), "nor asked for by status");
        assertTrue(ids(get("api/races/mine", entrant).json().path("entered")).contains(raceId));
        Problems.assertProblem(http.get("api/races/mine"), 401, "/problems/unauthenticated");

        assertEquals(200, post("api/races/" + raceId + "/open", null, organizer).status());
        Reply open = http.get("api/races?status=open");
        JsonNode listed = null;
        for (JsonNode r : open.json()) {
            if (r.path("id").asText().equals(raceId)) {
                listed = r;
            }
        }
        assertTrue(listed != null, "the open race is listed");
        assertEquals(1, listed.path("entrant_count").asInt());
    }

    @Test
    void aResetOfAFinishedRaceKeepsItsResultsAsAnAttemptAndTheHistoryPages() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String login = unique("racer");
        http.newUser("user", "twitch=" + login);
        String name = "Attempts " + UUID.randomUUID();
        String raceId = createRace(organizer, name);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}", organizer);
        String token = modToken(raceId, organizer);
        assertEquals(0, http.get("api/races/" + raceId + "/attempts").json().size());

        try (ModClient mod = ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId))) {
            mod.auth(token);
            startNow(raceId, organizer, mod);
            // The game's own zone ids, as a real mod sends them, move the player through the graph's nodes.
            mod.zone("chapel", "stormveil", 10_000);
            mod.zone("stormveil", "raya", 20_000);
            mod.await(m -> m.path("type").asText().equals("leaderboard_update")
                    && m.path("participants").get(0).path("current_layer").asInt() == 2, WAIT, "layer 2");
            JsonNode racing = http.get("api/races/" + raceId).json().path("participants").get(0);
            assertEquals(2, racing.path("current_layer").asInt(), racing.toString());
            assertEquals("b", racing.path("current_zone").asText(), "stored as the node: " + racing);
            mod.finished(90_000);
            mod.await(m -> m.path("type").asText().equals("race_status_change")
                    && m.path("status").asText().equals("finished"), WAIT, "finished");
        }

        JsonNode history = http.get("api/races/history?page=0&size=1").json();
        assertEquals(1, history.path("races").size());
        assertEquals(raceId, history.path("races").get(0).path("id").asText(), "the latest finish comes first");
        assertEquals(0, history.path("page").asInt());
        assertTrue(history.path("total").asLong() >= 1);
        assertEquals(history.path("total").asLong() > 1, history.path("has_more").asBoolean());
        Problems.assertProblem(http.get("api/races/history?size=0"), 400, "/problems/validation");
        Problems.assertProblem(http.get("api/races/history?size=101"), 400, "/problems/validation");

        JsonNode before = http.get("api/races/" + raceId).json();
        Reply reset = post("api/races/" + raceId + "/reset", "{\"version\":" + before.path("version").asLong() + "}",
                organizer);
        assertEquals(200, reset.status(), reset.body());
        assertEquals("open", reset.json().path("status").asText());
        assertEquals(1, reset.json().path("attempt_count").asInt());
        assertEquals(0, reset.json().path("participants").get(0).path("igt_ms").asLong(), "progress starts again");

        JsonNode attempts = http.get("api/races/" + raceId + "/attempts").json();
        assertEquals(1, attempts.size(), attempts.toString());
        JsonNode attempt = attempts.get(0);
        assertEquals(1, attempt.path("number").asInt());
        assertEquals("finished", attempt.path("status").asText());
        assertFalse(attempt.path("started_at").isNull());
        JsonNode result = attempt.path("results").get(0);
        assertEquals(1, result.path("place").asInt());
        assertEquals(login, result.path("twitch_username").asText());
        assertEquals(90_000, result.path("igt_ms").asLong());
        assertEquals("finished", result.path("status").asText());
        Problems.assertProblem(http.get("api/races/" + UUID.randomUUID() + "/attempts"), 404, "/problems/race-not-found");
    }

    @Test
    void aSignedInBrowsersSpectatorSocketIsItsOwnersFromTheFirstFrame() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String raceId = createRace(organizer, "Cookie " + UUID.randomUUID());
        URI uri = ModClient.socketUri(base, "ws/race/" + raceId);
        String origin = base.getProtocol() + "://" + base.getAuthority();
        String cookie = "paddock_session=" + organizer.path("sessionCookie").asText();

        try (ModClient own = ModClient.connect(client, uri, "Cookie", cookie, "Origin", origin);
                ModClient foreign = ModClient.connect(client, uri, "Cookie", cookie, "Origin", "http://evil.example");
                ModClient anonymous = ModClient.connect(client, uri)) {
            // A draft's graph: only the organizer's own page sees it before the start.
            assertTrue(own.await("race_state", WAIT).path("seed").has("graph_json"), "the organizer sees the graph");
            assertFalse(foreign.await("race_state", WAIT).path("seed").has("graph_json"), "another site's page does not");
            assertFalse(anonymous.await("race_state", WAIT).path("seed").has("graph_json"));
        }
    }

    @Test
    void pagesHaveCleanAddressesAndTheHtmlFilesRedirectToThem() {
        Http http = http();
        String id = UUID.randomUUID().toString();
        assertRedirect(http.get("race.html?id=" + id), "/race/" + id);
        assertRedirect(http.get("race.html?id=" + id + "&frames=x"), "/race/" + id + "?frames=x");
        assertRedirect(http.get("invite.html?token=abc_DEF-1&x=1"), "/invite/abc_DEF-1?x=1");
        assertRedirect(http.get("races.html"), "/");
        assertRedirect(http.get("index.html"), "/");
        assertRedirect(http.get("gate.html?success=1&provider=discord"), "/gate?success=1&provider=discord");
        assertRedirect(http.get("token.html"), "/auth/token");
        assertRedirect(http.get("race-new.html"), "/races/new");

        for (String[] page : new String[][] {{"race/" + id, "/js/racing/race.js"}, {"race/" + id + "/manage", "/js/racing/race.js"},
                {"invite/abc", "/js/racing/invite.js"}, {"races/new", "/js/racing/race-new.js"}, {"gate", "/js/identity/gate.js"},
                {"auth/token", "/js/identity/token.js"}, {"", "/js/racing/home.js"}}) {
            Reply reply = http.get(page[0]);
            assertEquals(200, reply.status(), page[0]);
            assertTrue(reply.header("Content-Type").startsWith("text/html"), page[0] + ": " + reply.header("Content-Type"));
            assertTrue(reply.body().contains(page[1]), page[0] + " serves its page");
            assertTrue(reply.header("Content-Security-Policy") != null, page[0] + " has the site's headers");
        }
        assertEquals(404, http.get("no-such-page").status());
        assertEquals(404, http.get("race/" + id + "/elsewhere").status());
        assertEquals(200, http.get("404.html").status(), "a page without a clean address is served as it is");
        assertNull(http.get("404.html").header("Location"));
    }

    static void assertRedirect(Reply reply, String location) {
        assertEquals(301, reply.status(), reply.body());
        assertEquals(location, reply.header("Location"));
    }
}
