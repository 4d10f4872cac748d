package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.SeedPoolStandIn;

/** Black-box: a whole race end to end over REST and both sockets, and every refusal on the way. */
@PaddockIT
class RacingIT extends BlackBox {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** An admin's scan says why, for the audit trail. */
    static final String SCAN_WHY = "{\"reason\":\"New seeds were copied to the pool\",\"ticketId\":\"OPS-9\"}";

    static String unique(String login) {
        return login + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    Reply post(String path, String body, JsonNode user) {
        return http().send("POST", path, "application/json", body, auth(user));
    }

    Instant appNow() {
        return Instant.parse(http().send("POST", "api/test-support/clock/advance?seconds=0", null, null).json().asText());
    }

    void advance(long seconds) {
        assertEquals(200, http().send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null).status());
    }

    String createRace(JsonNode organizer) {
        Reply created = post("api/races", "{\"name\":\"Race " + UUID.randomUUID() + "\",\"pool_name\":\"standard\","
                + "\"config\":{\"show_finished_names\":true,\"max_participants\":8}}", organizer);
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    /** Adds each login (which has an account) and returns login → mod token after releasing packs. */
    Map<String, String> tokens(String raceId, JsonNode organizer) {
        return ModClient.modTokens(http(), raceId, organizer);
    }

    ModClient mod(String raceId) {
        return ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId));
    }

    ModClient spectator(String raceId) {
        return ModClient.connect(client, ModClient.socketUri(base, "ws/race/" + raceId));
    }

    /**
     * A spectator that sends its auth at once: the socket's 2 s auth window starts at the server's open, so
     * waiting for other sockets first would make the test depend on the machine's speed.
     */
    ModClient authenticatedSpectator(String raceId, JsonNode user) {
        ModClient spectator = spectator(raceId);
        spectator.send("type", "auth", "token", user.path("accessToken").asText());
        spectator.await("race_state", WAIT);
        assertTrue(spectator.await("auth_ok", WAIT).path("authorized").asBoolean());
        spectator.await("race_state", WAIT); // again, now with what an insider sees
        return spectator;
    }

    void startNow(String raceId, JsonNode organizer, ModClient... watchers) {
        Instant at = appNow().plusSeconds(30);
        Reply start = post("api/races/" + raceId + "/start", "{\"scheduled_start\":\"" + at + "\"}", organizer);
        assertEquals(200, start.status(), start.body());
        assertEquals("countdown", start.json().path("status").asText());
        advance(31);
        for (ModClient watcher : watchers) {
            watcher.await(m -> m.path("type").asText().equals("race_status_change")
                    && m.path("status").asText().equals("running"), WAIT, "running");
        }
    }

    @Test
    void aWholeRaceFromCreationToFinish() throws Exception {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String alice = unique("alice");
        JsonNode aliceUser = http.newUser("user", "twitch=" + alice);
        String carol = unique("carol");

        Reply pools = http.get("api/pools");
        assertEquals(200, pools.status());
        JsonNode standard = null;
        for (JsonNode p : pools.json()) {
            if (p.path("name").asText().equals("standard")) {
                standard = p;
            }
        }
        assertNotNull(standard, pools.body());
        assertTrue(standard.path("available").asLong() >= 3, pools.body());

        String raceId = createRace(organizer);
        Reply race = http.get("api/races/" + raceId);
        assertEquals("draft", race.json().path("status").asText());
        assertEquals(4, race.json().path("seed").path("total_layers").asInt());

        // A participant with an account, and an invite for a Twitch name without one.
        Reply added = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + alice + "\"}", organizer);
        assertEquals(201, added.status(), added.body());
        assertEquals(alice, added.json().path("participant").path("twitch_username").asText());
        Reply invited = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + carol + "\"}", organizer);
        assertEquals(201, invited.status(), invited.body());
        String inviteToken = invited.json().path("invite").path("token").asText();
        assertFalse(inviteToken.isEmpty(), invited.body());
        Reply info = http.get("api/invite/" + inviteToken);
        assertEquals(200, info.status());
        assertEquals(carol, info.json().path("twitch_username").asText());
        assertEquals("pending", info.json().path("state").asText());
        JsonNode carolUser = http.newUser("user", "twitch=" + carol);
        Reply accepted = post("api/invite/" + inviteToken + "/accept", null, carolUser);
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(2, accepted.json().path("participants").size());
        Problems.assertProblem(post("api/invite/" + inviteToken + "/accept", null, carolUser), 409, "/problems/invite-used");

        assertEquals("open", post("api/races/" + raceId + "/open", null, organizer).json().path("status").asText());

        // The pack: the seed's files plus speedfog_race.toml whose token works on the socket.
        Map<String, String> tokens = tokens(raceId, organizer);
        HttpResponse<byte[]> pack = client.send(HttpRequest.newBuilder(URI.create(base.toString()
                + "api/races/" + raceId + "/download/" + tokens.get(alice))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pack.statusCode());
        assertEquals("application/zip", pack.headers().firstValue("Content-Type").orElse(""));
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pack.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                assertFalse(e.getName().contains(".."), e.getName());
                entries.put(e.getName().substring(e.getName().indexOf('/') + 1), zip.readAllBytes());
            }
        }
        assertTrue(entries.containsKey("graph.json"), entries.keySet().toString());
        assertTrue(entries.containsKey("mod/regulation.bin"), entries.keySet().toString());
        JsonNode toml = new TomlMapper().readTree(entries.get("speedfog_race.toml"));
        assertEquals(raceId, toml.path("server").path("race_id").asText());
        assertTrue(toml.path("server").path("url").asText().startsWith("ws"));
        assertTrue(toml.path("overlay").path("enabled").asBoolean());
        assertEquals("f9", toml.path("keybindings").path("toggle_ui").asText());
        String aliceToken = toml.path("server").path("mod_token").asText();
        assertEquals(tokens.get(alice), aliceToken);

        try (ModClient spectator = spectator(raceId); ModClient aliceMod = mod(raceId); ModClient carolMod = mod(raceId)) {
            JsonNode state = spectator.await("race_state", WAIT);
            assertEquals("open", state.path("race").path("status").asText());
            assertFalse(state.path("seed").has("graph_json"), "the graph stays hidden before the race runs");

            JsonNode ok = aliceMod.auth(aliceToken);
            // Player updates name a participant by id (the other fields only when they changed).
            String aliceId = ok.path("participant_id").asText();
            assertEquals(4, ok.path("seed").path("total_layers").asInt());
            assertEquals(2, ok.path("participants").size());
            carolMod.auth(tokens.get(carol));
            aliceMod.ready();
            carolMod.ready();
            try {
                spectator.await(m -> m.path("type").asText().equals("leaderboard_update")
                        && m.path("participants").findValues("status").stream().allMatch(s -> s.asText().equals("ready")),
                        WAIT, "both ready");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; mod saw " + aliceMod.drain().stream()
                        .map(r -> r.json().toString()).toList() + "; spectator saw " + spectator.drain().stream()
                        .map(r -> r.json().toString()).toList(), e);
            }

            startNow(raceId, organizer, spectator);
            aliceMod.await("race_start", WAIT);
            JsonNode running = spectator.await("race_state", WAIT);
            assertTrue(running.path("seed").has("graph_json"), "the graph is public once the race runs");

            // Alice's progress: statuses and zone changes, seen by the spectator in order.
            aliceMod.status(1_000, "chapel", 0, 0);
            aliceMod.zone("start", "a", 5_000);
            aliceMod.status(6_000, "stormveil", 1, 1);
            aliceMod.flag(1040, 9_000);
            carolMod.status(2_000, "chapel", 0, 0);
            carolMod.zone("start", "a", 7_000);
            aliceMod.zone("b", "c", 12_000);
            spectator.await(m -> player(m, p -> p.path("id").asText().equals(aliceId)
                    && p.path("igt_ms").asLong() == 12_000) != null, WAIT, "alice at 12000");
            JsonNode last = shown(spectator.seen(), aliceId);
            assertEquals(12_000, last.path("igt_ms").asLong());
            assertEquals(3, last.path("current_layer").asInt());
            assertEquals(0, last.path("gap_ms").asLong(), "player updates carry gap_ms (alice leads layer 3)");
            // Player updates carry the history entries added, never the whole list.
            List<String> zones = new ArrayList<>();
            for (ModClient.Received r : spectator.drain()) {
                JsonNode p = player(r.json(), q -> q.path("id").asText().equals(aliceId));
                if (p != null) {
                    assertFalse(p.has("zone_history"), p.toString());
                    if (p.has("zone_history_added")) {
                        assertEquals(zones.size(), p.path("zone_history_from").asInt(), p.toString());
                        p.path("zone_history_added").forEach(z -> zones.add(z.path("node_id").asText()));
                    }
                }
            }
            assertEquals(List.of("a", "b", "c"), zones, "event flag 1040 maps to node b");
            List<String> stored = new ArrayList<>();
            for (JsonNode p : http.get("api/races/" + raceId).json().path("participants")) {
                if (p.path("twitch_username").asText().equals(alice)) {
                    p.path("zone_history").forEach(z -> stored.add(z.path("node_id").asText()));
                }
            }
            assertEquals(List.of("a", "b", "c"), stored, "the stored history, in order");
            long previous = -1;
            long lastVersion = 0;
            for (ModClient.Received r : spectator.drain()) {
                JsonNode m = r.json();
                if (m.path("type").asText().equals("player_updates")) {
                    for (JsonNode p : m.path("players")) {
                        if (p.path("id").asText().equals(aliceId)) {
                            assertTrue(p.path("igt_ms").asLong() >= previous, "updates arrive in order");
                            previous = p.path("igt_ms").asLong();
                        }
                    }
                }
                if (m.path("type").asText().equals("player_updates") || m.path("type").asText().equals("leaderboard_update")) {
                    assertTrue(m.path("version").asLong() > lastVersion, "versions increase");
                    lastVersion = m.path("version").asLong();
                }
            }
            // Alice reaching layer 3 changed the order and the leader's splits: a full board follows
            // (whether it came before or after alice's player update).
            JsonNode board = spectator.seen().stream().map(ModClient.Received::json)
                    .filter(m -> m.path("type").asText().equals("leaderboard_update")
                            && m.path("leader_splits").has("3"))
                    .findFirst()
                    .orElseGet(() -> spectator.await(m -> m.path("type").asText().equals("leaderboard_update")
                            && m.path("leader_splits").has("3"), WAIT, "board with layer 3"));
            assertEquals(alice, board.path("participants").get(0).path("twitch_username").asText());
            assertEquals(2_000, board.path("participants").get(1).path("gap_ms").asLong(),
                    "carol entered layer 1 at 7000, alice at 5000");

            aliceMod.finished(100_000);
            carolMod.finished(120_000);
            spectator.await(m -> m.path("type").asText().equals("race_status_change")
                    && m.path("status").asText().equals("finished"), WAIT, "race finished");
            assertNotNull(board);
        }
        JsonNode done = http.get("api/races/" + raceId).json();
        assertEquals("finished", done.path("status").asText());
        assertEquals(alice, done.path("participants").get(0).path("twitch_username").asText());
        assertEquals(0, done.path("participants").get(0).path("gap_ms").asLong());
        assertEquals(20_000, done.path("participants").get(1).path("gap_ms").asLong());
        assertEquals("finished", done.path("participants").get(1).path("status").asText());
        assertNotNull(aliceUser);
    }

    @Test
    void theRaceListAnswersNotModifiedUntilACommittedChange() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String raceId = createRace(organizer);
        Reply first = http.get("api/races");
        assertEquals(200, first.status(), first.body());
        String tag = first.header("ETag");
        assertNotNull(tag, "the list carries an entity tag");
        assertTrue(first.header("Cache-Control").contains("no-cache"), first.header("Cache-Control"));
        assertFalse(first.body().contains(raceId), "a draft is not listed");

        Reply unchanged = http.get("api/races", "If-None-Match", tag);
        assertEquals(304, unchanged.status());
        assertEquals("", unchanged.body());
        assertEquals(tag, unchanged.header("ETag"));

        // A refused change (a stale version) commits nothing: the tag still holds.
        Problems.assertProblem(post("api/races/" + raceId + "/open", "{\"version\":99}", organizer), 409,
                "/problems/race-changed");
        assertEquals(304, http.get("api/races", "If-None-Match", tag).status());

        // Opening the race is a committed change: the next read shows it, under a new tag.
        assertEquals(200, post("api/races/" + raceId + "/open", null, organizer).status());
        Reply changed = http.get("api/races", "If-None-Match", tag);
        assertEquals(200, changed.status());
        assertNotEquals(tag, changed.header("ETag"));
        assertTrue(changed.body().contains(raceId), changed.body());

        // Each filter has its own tag; an entrant joining changes the counts, so the tag moves.
        Reply open = http.get("api/races?status=open");
        assertTrue(open.body().contains(raceId), open.body());
        assertEquals(304, http.get("api/races?status=open", "If-None-Match", open.header("ETag")).status());
        String racer = unique("racer");
        http.newUser("user", "twitch=" + racer);
        Reply added = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + racer + "\"}", organizer);
        assertEquals(201, added.status(), added.body());
        Reply joined = http.get("api/races?status=open", "If-None-Match", open.header("ETag"));
        assertEquals(200, joined.status(), "the entrant count changed");
    }

    @Test
    void theListFromItsSnapshotBytesIsWhatTheResourceMethodAnswers() {
        Http http = http();
        createRace(http.newUser("user"));
        Reply prepared = http.get("api/races?status=open,running");
        // An Accept header the prepared answer leaves alone goes through JAX-RS: the same answer.
        Reply general = http.get("api/races?status=open,running", "Accept", "application/json;q=0.9, */*;q=0.1");
        assertEquals(200, prepared.status(), prepared.body());
        assertEquals(200, general.status(), general.body());
        assertEquals(general.body(), prepared.body());
        for (String header : new String[] {"ETag", "Cache-Control", "Content-Type", "Content-Security-Policy"}) {
            assertEquals(general.header(header), prepared.header(header), header);
        }
        assertNotNull(prepared.header("X-Request-Id"));
        // A list of tags is the resource method's to judge; an unknown status its problem.
        assertEquals(304, http.get("api/races?status=open,running", "If-None-Match",
                "\"other\", " + prepared.header("ETag")).status());
        Problems.assertProblem(http.get("api/races?status=bogus"), 400, "/problems/invalid-status");
    }

    @Test
    void badModInputGetsErrorsAndTheConnectionSurvives() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String dave = unique("dave");
        http.newUser("user", "twitch=" + dave);
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + dave + "\"}", organizer);
        String token = tokens(raceId, organizer).get(dave);

        // Close codes: unknown race 4004, bad token 4003, no auth within 5 s 4001.
        try (ModClient unknown = mod(UUID.randomUUID().toString())) {
            unknown.send("type", "auth", "mod_token", token);
            assertEquals(4004, unknown.awaitClose(WAIT));
        }
        try (ModClient bad = mod(raceId)) {
            bad.send("type", "auth", "mod_token", "deadbeef");
            assertEquals("auth_error", bad.await("auth_error", WAIT).path("type").asText());
            assertEquals(4003, bad.awaitClose(WAIT));
        }
        try (ModClient silent = mod(raceId)) {
            assertEquals(4001, silent.awaitClose(Duration.ofSeconds(10)));
        }

        try (ModClient mod = mod(raceId); ModClient spectator = spectator(raceId)) {
            spectator.await("race_state", WAIT);
            mod.auth(token);
            assertError(mod.send("{not json"), "malformed-json");
            assertError(mod.send("type", "teleport"), "unknown-type");
            assertError(mod.send("{\"type\":\"status_update\",\"pad\":\"" + "x".repeat(5000) + "\"}"), "message-too-large");
            assertError(mod.status(1_000, "chapel", 0, 0), "race-not-running");
            assertError(mod.send("type", "status_update", "igt_ms", "soon"), "invalid-message");

            startNow(raceId, organizer, spectator);
            mod.status(10_000, "stormveil", 2, 0);
            assertError(mod.status(9_000, "stormveil", 2, 0), "igt-backwards");
            assertError(mod.status(11_000, "chapel", 1, 0), "layer-backwards");
            mod.finished(50_000);
            assertError(mod.finished(60_000), "already-finished");

            // Rate limit: a burst over the per-second budget is answered with one error.
            for (int i = 0; i < 40; i++) {
                mod.send("type", "pong");
            }
            assertError(mod, "rate-limited");
        }
    }

    @Test
    void flagIdsAndOtherFieldsAreCheckedAsTextAndNumberAlike() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String gil = unique("gil");
        http.newUser("user", "twitch=" + gil);
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + gil + "\"}", organizer);
        String token = tokens(raceId, organizer).get(gil);

        try (ModClient mod = mod(raceId); ModClient spectator = spectator(raceId)) {
            spectator.await("race_state", WAIT);
            mod.auth(token);
            startNow(raceId, organizer, spectator);

            // A 900-digit flag id is refused as input, not retried as a lost update.
            mod.send("{\"type\":\"event_flag\",\"flag_id\":" + "9".repeat(900) + ",\"igt_ms\":5000}");
            JsonNode tooLong = mod.await("error", WAIT);
            assertEquals("input-limit", tooLong.path("code").asText(), tooLong.toString());
            assertTrue(tooLong.path("message").asText().startsWith("flag_id: "), tooLong.toString());
            assertError(mod.send("type", "event_flag", "flag_id", "9".repeat(201), "igt_ms", 5_000), "invalid-message");
            assertError(mod.send("type", "event_flag", "flag_id", 1.5, "igt_ms", 5_000), "invalid-message");
            assertError(mod.send("type", "event_flag", "igt_ms", 5_000), "invalid-message");
            JsonNode nul = mod.send("type", "zone_entered", "from_zone", "start", "to_zone", "a\u0000", "igt_ms", 5_000)
                    .await("error", WAIT);
            assertEquals("invalid-message", nul.path("code").asText(), nul.toString());
            assertTrue(nul.path("message").asText().contains("to_zone"), nul.toString());

            // The connection survives, and a flag within the rules still names its node (1040 → b, layer 2).
            mod.flag(1040, 9_000);
            JsonNode moved = player(spectator.await(m -> player(m, p -> p.path("igt_ms").asLong() == 9_000) != null,
                    WAIT, "the flag's update"), p -> p.path("igt_ms").asLong() == 9_000);
            JsonNode now = shown(spectator.seen(), moved.path("id").asText());
            assertEquals(2, now.path("current_layer").asInt(), now.toString());
        }
    }

    @Test
    void aModReconnectingMidRaceResumesAsTheSameParticipant() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String erin = unique("erin");
        String finn = unique("finn");
        http.newUser("user", "twitch=" + erin);
        http.newUser("user", "twitch=" + finn);
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + erin + "\"}", organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + finn + "\"}", organizer);
        Map<String, String> tokens = tokens(raceId, organizer);

        String participantId;
        try (ModClient spectator = spectator(raceId)) {
            spectator.await("race_state", WAIT);
            startNow(raceId, organizer, spectator);
            try (ModClient first = mod(raceId)) {
                participantId = first.auth(tokens.get(erin)).path("participant_id").asText();
                first.status(3_000, "stormveil", 1, 2);
                String id = participantId;
                spectator.await(m -> shown(spectator.seen(), id).path("igt_ms").asLong() == 3_000
                        && shown(spectator.seen(), id).path("mod_connected").asBoolean(), WAIT, "connected update");
            }
            spectator.await(m -> player(m, p -> p.path("id").asText().equals(participantId)
                    && !p.path("mod_connected").asBoolean()) != null, WAIT, "disconnected update");
            try (ModClient again = mod(raceId)) {
                JsonNode ok = again.auth(tokens.get(erin));
                assertEquals(participantId, ok.path("participant_id").asText());
                JsonNode me = null;
                for (JsonNode p : ok.path("participants")) {
                    if (p.path("id").asText().equals(participantId)) {
                        me = p;
                    }
                }
                assertNotNull(me);
                assertEquals(3_000, me.path("igt_ms").asLong(), "progress kept across the reconnect");
                assertEquals("playing", me.path("status").asText());
                again.status(4_000, "stormveil", 1, 2);
                spectator.await(m -> player(m, p -> p.path("igt_ms").asLong() == 4_000) != null, WAIT,
                        "update after reconnect");
            }

            // Inactivity: 15 minutes without IGT movement abandons everyone here, which finishes the race.
            advance(16 * 60);
            spectator.await(m -> m.path("type").asText().equals("race_status_change")
                    && m.path("status").asText().equals("finished"), WAIT, "finished by inactivity");
        }
        JsonNode done = http.get("api/races/" + raceId).json();
        done.path("participants").forEach(p -> assertEquals("abandoned", p.path("status").asText()));
    }

    @Test
    void refusalsOfTheRestApi() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        JsonNode stranger = http.newUser("user");
        String raceId = createRace(organizer);

        Problems.assertProblem(post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"x\"}", stranger),
                403, "/problems/not-organizer");
        Problems.assertProblem(post("api/races/" + raceId + "/start", "{\"scheduled_start\":\"2030-01-01T00:00:00Z\"}",
                stranger), 403, "/problems/not-organizer");
        Problems.assertProblem(post("api/races", "{\"name\":\"x\",\"pool_name\":\"nope\"}", organizer), 409,
                "/problems/pool-empty");
        Problems.assertProblem(post("api/races/" + raceId + "/start", "{\"scheduled_start\":\"2030-01-01T00:00:00Z\"}",
                organizer), 409, "/problems/no-participants");
        Problems.assertProblem(http.get("api/races/" + UUID.randomUUID()), 404, "/problems/race-not-found");
        Problems.assertProblem(http.get("api/invite/nope"), 404, "/problems/invite-not-found");
        Problems.assertProblem(http.get("api/races/" + raceId + "/download/abc123"), 404, "/problems/pack-not-found");
        // An encoded slash or dot segment never reaches the pack lookup: the URL itself is refused.
        Problems.assertProblem(http.get("api/races/" + raceId + "/download/..%2F..%2Fetc"), 400, "/problems/malformed-url");
        Problems.assertProblem(post("api/races/" + raceId + "/reset", null, organizer), 409, "/problems/race-state");
        Problems.assertProblem(post("api/races/" + raceId + "/open", "{\"version\":99}", organizer), 409,
                "/problems/race-changed");

        // Re-roll draws another seed while in setup; the old one is never drawn again.
        long before = http.get("api/races/" + raceId).json().path("version").asLong();
        Reply rerolled = post("api/races/" + raceId + "/reroll", null, organizer);
        assertEquals(200, rerolled.status(), rerolled.body());
        assertTrue(rerolled.json().path("version").asLong() > before);

        // Removing a participant revokes the pack.
        String gus = unique("gus");
        http.newUser("user", "twitch=" + gus);
        String pid = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + gus + "\"}", organizer)
                .json().path("participant").path("id").asText();
        String token = tokens(raceId, organizer).get(gus);
        Problems.assertProblem(post("api/races/" + raceId + "/reroll", null, organizer), 409, "/problems/packs-released");
        assertEquals(204, http.send("DELETE", "api/races/" + raceId + "/participants/" + pid, null, null,
                auth(organizer)).status());
        Problems.assertProblem(http.get("api/races/" + raceId + "/download/" + token), 404, "/problems/pack-not-found");
    }

    @Test
    void aRegeneratedModTokenReplacesTheOldOneAndInviteLinksCanBeShownAgain() throws Exception {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String ivy = unique("ivy");
        http.newUser("user", "twitch=" + ivy);
        String raceId = createRace(organizer);
        String pid = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + ivy + "\"}", organizer)
                .json().path("participant").path("id").asText();
        String old = tokens(raceId, organizer).get(ivy);
        assertTrue(old.matches("[0-9a-f]{48}"), old);
        assertEquals(old, tokens(raceId, organizer).get(ivy), "the same token every time it is shown");

        try (ModClient first = mod(raceId)) {
            first.auth(old);
            Problems.assertProblem(post("api/races/" + raceId + "/participants/" + pid + "/regenerate-token", null,
                    http.newUser("user")), 403, "/problems/not-organizer");
            Reply regenerated = post("api/races/" + raceId + "/participants/" + pid + "/regenerate-token", null, organizer);
            assertEquals(200, regenerated.status(), regenerated.body());
            String url = regenerated.json().path("url").asText();
            String fresh = url.substring(url.lastIndexOf('/') + 1);
            assertTrue(fresh.matches("[0-9a-f]{48}") && !fresh.equals(old), fresh);
            assertEquals(4003, first.awaitClose(WAIT), "the revoked token's socket is closed");

            Problems.assertProblem(http.get("api/races/" + raceId + "/download/" + old), 404, "/problems/pack-not-found");
            HttpResponse<byte[]> pack = client.send(HttpRequest.newBuilder(URI.create(base + "api/races/" + raceId
                    + "/download/" + fresh)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, pack.statusCode());
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pack.body()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                    if (e.getName().endsWith("speedfog_race.toml")) {
                        assertEquals(fresh, new TomlMapper().readTree(zip.readAllBytes()).path("server")
                                .path("mod_token").asText());
                    }
                }
            }
            try (ModClient stale = mod(raceId)) {
                stale.send("type", "auth", "mod_token", old);
                assertEquals(4003, stale.awaitClose(WAIT));
            }
            try (ModClient again = mod(raceId)) {
                assertEquals(pid, again.auth(fresh).path("participant_id").asText());
            }
        }

        // Invite tokens are derived too: the organizer's view shows the same working link again.
        String jo = unique("jo");
        String inviteToken = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + jo + "\"}",
                organizer).json().path("invite").path("token").asText();
        JsonNode invites = http.get("api/races/" + raceId, auth(organizer)).json().path("invites");
        assertEquals(1, invites.size(), invites.toString());
        assertEquals(inviteToken, invites.get(0).path("token").asText());
        assertTrue(invites.get(0).path("url").asText().endsWith("/invite/" + inviteToken));
        assertEquals(jo, http.get("api/invite/" + inviteToken).json().path("twitch_username").asText());
    }

    @Test
    void withShowFinishedNamesOffRacersAndThePublicDoNotLearnWhoFinishedUntilTheRaceIsOver() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String kim = unique("kim");
        String lou = unique("lou");
        JsonNode kimUser = http.newUser("user", "twitch=" + kim);
        http.newUser("user", "twitch=" + lou);
        Reply created = post("api/races", "{\"name\":\"Hidden " + UUID.randomUUID() + "\","
                + "\"config\":{\"show_finished_names\":false}}", organizer);
        assertEquals(201, created.status(), created.body());
        assertFalse(created.json().path("config").path("show_finished_names").asBoolean());
        String raceId = created.json().path("id").asText();
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + kim + "\"}", organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + lou + "\"}", organizer);
        Map<String, String> tokens = tokens(raceId, organizer);

        try (ModClient host = authenticatedSpectator(raceId, organizer); ModClient audience = spectator(raceId);
                ModClient kimMod = mod(raceId); ModClient louMod = mod(raceId)) {
            audience.await("race_state", WAIT);
            String kimId = kimMod.auth(tokens.get(kim)).path("participant_id").asText();
            louMod.auth(tokens.get(lou));
            startNow(raceId, organizer, audience, host);

            kimMod.status(5_000, "stormveil", 1, 0);
            kimMod.finished(60_000);
            louMod.status(6_000, "stormveil", 1, 0);
            JsonNode seen = finishedPlayer(audience.await(m -> finishedPlayer(m, kimId) != null, WAIT,
                    "kim finished (public)"), kimId);
            assertTrue(seen.path("twitch_username").isNull(), seen.toString());
            assertTrue(seen.path("twitch_display_name").isNull(), seen.toString());
            assertEquals(60_000, seen.path("igt_ms").asLong());
            JsonNode toHost = finishedPlayer(host.await(m -> finishedPlayer(m, kimId) != null, WAIT,
                    "kim finished (organizer)"), kimId);
            assertEquals(kim, toHost.path("twitch_username").asText());
            JsonNode racerBoard = louMod.await(m -> m.path("type").asText().equals("leaderboard_update")
                    && m.path("participants").get(0).path("status").asText().equals("finished"), WAIT, "lou's board");
            assertTrue(racerBoard.path("participants").get(0).path("twitch_username").isNull(), racerBoard.toString());
            assertEquals(lou, racerBoard.path("participants").get(1).path("twitch_username").asText(),
                    "only finishers lose their names");

            // REST: hidden from the public and from racers (even the finisher itself: it knows its own id),
            // shown to the organizer; a late spectator's race_state hides it too.
            JsonNode anonymous = http.get("api/races/" + raceId).json().path("participants").get(0);
            assertEquals(kimId, anonymous.path("id").asText());
            assertTrue(anonymous.path("twitch_username").isNull(), anonymous.toString());
            JsonNode asKim = http.get("api/races/" + raceId, auth(kimUser)).json();
            assertEquals(kimId, asKim.path("my_participant_id").asText());
            assertTrue(asKim.path("participants").get(0).path("twitch_username").isNull());
            assertEquals(kim, http.get("api/races/" + raceId, auth(organizer)).json().path("participants").get(0)
                    .path("twitch_username").asText());
            try (ModClient late = spectator(raceId)) {
                JsonNode state = late.await("race_state", WAIT);
                assertTrue(state.path("participants").get(0).path("twitch_username").isNull(), state.toString());
            }
            try (ModClient again = mod(raceId)) {
                JsonNode ok = again.auth(tokens.get(lou));
                assertTrue(ok.path("participants").get(0).path("twitch_username").isNull(), ok.toString());
            }

            louMod.finished(70_000);
            JsonNode finalBoard = audience.await(m -> m.path("type").asText().equals("leaderboard_update")
                    && m.path("participants").findValues("status").stream().allMatch(v -> v.asText().equals("finished")),
                    WAIT, "final board");
            assertEquals(kim, finalBoard.path("participants").get(0).path("twitch_username").asText(),
                    "names show once the race is over");
        }
        assertEquals(kim, http.get("api/races/" + raceId).json().path("participants").get(0).path("twitch_username")
                .asText());
    }

    @Test
    void unknownZonesAreRefusedTheHistoryIsAppendedAndFramesCarryOnlyTheEntryAdded() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String gina = unique("gina");
        http.newUser("user", "twitch=" + gina);
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + gina + "\"}", organizer);
        String token = tokens(raceId, organizer).get(gina);
        String unknown = "z".repeat(190);

        try (ModClient mod = mod(raceId); ModClient spectator = spectator(raceId)) {
            spectator.await("race_state", WAIT);
            mod.auth(token);
            startNow(raceId, organizer, spectator);
            for (int i = 0; i < 15; i++) {
                assertError(mod.zone("start", unknown + i, 1_000 + i), "unknown-zone");
            }
            assertError(mod.flag(999_999, 2_000), "unknown-zone");

            mod.zone("start", "a", 5_000);
            JsonNode first = player(spectator.await(m -> player(m, p -> p.has("zone_history_added")) != null, WAIT,
                    "entry a"), p -> p.has("zone_history_added"));
            assertFalse(first.has("zone_history"), "no whole history in a player update: " + first);
            assertEquals(0, first.path("zone_history_from").asInt(), first.toString());
            assertEquals(1, first.path("zone_history_added").size(), first.toString());
            assertEquals("a", first.path("zone_history_added").get(0).path("node_id").asText());
            assertEquals(1, first.path("zone_history_added").get(0).path("layer").asInt());

            mod.zone("a", "b", 8_000);
            JsonNode second = player(spectator.await(m -> player(m, p -> p.path("zone_history_from").asInt() == 1)
                    != null, WAIT, "entry b"), p -> p.path("zone_history_from").asInt() == 1);
            assertEquals(1, second.path("zone_history_added").size(), "only the entry added: " + second);
            assertEquals("b", second.path("zone_history_added").get(0).path("node_id").asText());
            spectator.drain().forEach(r -> assertFalse(r.json().toString().contains(unknown), "refused zones are not sent"));

            try (ModClient late = spectator(raceId)) {
                JsonNode state = late.await("race_state", WAIT);
                List<String> zones = new ArrayList<>();
                state.path("participants").get(0).path("zone_history").forEach(z -> zones.add(z.path("node_id").asText()));
                assertEquals(List.of("a", "b"), zones, "race_state has the whole history, refused zones not in it");
                assertTrue(state.toString().length() < 4_000, "race_state stays small: " + state.toString().length());
            }
        }
        List<String> stored = new ArrayList<>();
        http.get("api/races/" + raceId).json().path("participants").get(0).path("zone_history")
                .forEach(z -> stored.add(z.path("node_id").asText()));
        assertEquals(List.of("a", "b"), stored);
    }

    @Test
    void raceStateIsEverySpectatorsFirstFrame() throws Exception {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String hana = unique("hana");
        http.newUser("user", "twitch=" + hana);
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + hana + "\"}", organizer);
        String token = tokens(raceId, organizer).get(hana);
        List<ModClient> spectators = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try (ModClient mod = mod(raceId); ModClient watcher = spectator(raceId)) {
            watcher.await("race_state", WAIT);
            mod.auth(token);
            startNow(raceId, organizer, watcher);
            // Arrivals change the spectator count every tick while the mod's progress is broadcast.
            List<java.util.concurrent.Future<?>> joins = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                joins.add(pool.submit(() -> spectators.add(spectator(raceId))));
            }
            for (int i = 1; i <= 10; i++) {
                mod.status(i * 1_000L, "chapel", 0, 0);
            }
            for (java.util.concurrent.Future<?> join : joins) {
                join.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            List<String> firsts = new ArrayList<>();
            for (ModClient s : spectators) {
                firsts.add(s.await(m -> true, WAIT, "a first frame").path("type").asText());
            }
            assertEquals(120, firsts.size());
            assertEquals(List.of("race_state"), firsts.stream().distinct().toList(), firsts.toString());
        } finally {
            pool.shutdownNow();
            spectators.forEach(ModClient::close);
        }
    }

    @Test
    void aZippedSeedPacksLikeAFolderSeedTheConfiguredDllWinsAndABrokenPackIsRefusedBeforeItStarts() throws Exception {
        Http http = http();
        JsonNode admin = http.newUser("admin");
        JsonNode organizer = http.newUser("user");
        String ivy = unique("ivy");
        http.newUser("user", "twitch=" + ivy);
        String pool = "zipped_" + UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path zip = SeedPoolStandIn.addZippedSeed(pool, 105);
        assertEquals(200, post("api/admin/pools/scan", SCAN_WHY, admin).status());
        Reply created = post("api/races", "{\"name\":\"Zipped\",\"pool_name\":\"" + pool + "\"}", organizer);
        assertEquals(201, created.status(), created.body());
        String raceId = created.json().path("id").asText();
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + ivy + "\"}", organizer);
        String token = tokens(raceId, organizer).get(ivy);

        HttpResponse<byte[]> pack = client.send(HttpRequest.newBuilder(URI.create(base + "api/races/" + raceId
                + "/download/" + token)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pack.statusCode());
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pack.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                entries.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertEquals(java.util.Set.of("speedfog_105/graph.json", "speedfog_105/mod/regulation.bin",
                "speedfog_105/speedfog_race.toml", "speedfog_105/speedfog_race.dll"), entries.keySet(),
                "the zip's top folder is not part of the pack's layout");
        assertEquals(SeedPoolStandIn.MOD_DLL, entries.get("speedfog_105/speedfog_race.dll"), "the configured DLL wins");

        java.nio.file.Files.writeString(zip, "no longer a zip");
        Reply broken = http.get("api/races/" + raceId + "/download/" + token);
        Problems.assertProblem(broken, 503, "/problems/pack-unavailable");
    }

    @Test
    void thePoolScanIsIdempotentAndSkipsBrokenSeeds() {
        Http http = http();
        JsonNode admin = http.newUser("admin");
        SeedPoolStandIn.addSeed("standard", 3001);
        Reply first = post("api/admin/pools/scan", SCAN_WHY, admin);
        assertEquals(200, first.status(), first.body());
        assertTrue(first.json().path("added").asInt() >= 1, first.body());
        List<String> skipped = new ArrayList<>();
        first.json().path("skipped").forEach(s -> skipped.add(s.path("entry").asText() + ": " + s.path("reason").asText()));
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("seed_9001: graph.json is missing")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("seed_9002: graph.json is not valid JSON")), skipped.toString());
        Reply second = post("api/admin/pools/scan", SCAN_WHY, admin);
        assertEquals(0, second.json().path("added").asInt(), "a second scan adds nothing");
        assertEquals(403, post("api/admin/pools/scan", SCAN_WHY, http.newUser("user")).status());
    }

    @Test
    void insidersSeeTheGraphEarlyAndPerPlayerFramesAreAnOptIn() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        JsonNode stranger = http.newUser("user");
        String hana = unique("hana");
        http.newUser("user", "twitch=" + hana);
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + hana + "\"}", organizer);
        String token = tokens(raceId, organizer).get(hana);

        try (ModClient outsider = spectator(raceId)) {
            assertFalse(outsider.await("race_state", WAIT).path("seed").has("graph_json"));
            outsider.send("type", "auth", "token", stranger.path("accessToken").asText());
            assertFalse(outsider.await("auth_ok", WAIT).path("authorized").asBoolean());
        }
        // ?frames=player_update: the seed's one player_update frame per changed participant.
        try (ModClient insider = ModClient.connect(client, ModClient.socketUri(base,
                "ws/race/" + raceId + "?frames=player_update"));
                ModClient mod = mod(raceId)) {
            assertFalse(insider.await("race_state", WAIT).path("seed").has("graph_json"));
            insider.send("type", "auth", "token", organizer.path("accessToken").asText());
            assertTrue(insider.await("auth_ok", WAIT).path("authorized").asBoolean());
            JsonNode graph = insider.await("race_state", WAIT).path("seed").path("graph_json");
            assertEquals(4, graph.path("total_layers").asInt(), "the organizer sees the graph before the start");

            mod.auth(token);
            startNow(raceId, organizer, insider);
            mod.status(7_000, "stormveil", 1, 0);
            JsonNode single = insider.await(m -> m.path("type").asText().equals("player_update")
                    && m.path("player").path("igt_ms").asLong() == 7_000, WAIT, "player_update");
            assertEquals(hana, single.path("player").path("twitch_username").asText());
            assertTrue(insider.seen().stream().noneMatch(r -> r.json().path("type").asText().equals("player_updates")),
                    "a per-player spectator gets no player_updates frames");
        }
        // ?batch=1, the earlier opt-in to player_updates, is still accepted (it is the default now).
        try (ModClient late = ModClient.connect(client, ModClient.socketUri(base, "ws/race/" + raceId + "?batch=1"))) {
            late.await("race_state", WAIT);
            late.send("type", "auth", "token", "x");
            assertTrue(late.await("auth_ok", WAIT).has("authorized"));
        }
    }

    /**
     * Participant {@code id} as a spectator's frames show it, applied in order as a client does:
     * race_state and leaderboard_update bring it whole, a player update only the fields it carries.
     */
    static JsonNode shown(List<ModClient.Received> frames, String id) {
        com.fasterxml.jackson.databind.node.ObjectNode view =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (ModClient.Received r : frames) {
            JsonNode m = r.json();
            String type = m.path("type").asText();
            boolean whole = type.equals("race_state") || type.equals("leaderboard_update");
            JsonNode list = whole ? m.path("participants") : type.equals("player_updates") ? m.path("players")
                    : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            for (JsonNode p : list) {
                if (p.path("id").asText().equals(id)) {
                    if (whole) {
                        view.removeAll();
                    }
                    view.setAll((com.fasterxml.jackson.databind.node.ObjectNode) p);
                }
            }
        }
        return view;
    }

    /**
     * The first player in a spectator message matching {@code match}: a {@code player_updates} frame
     * (the default, one per room tick) or a {@code player_update} frame (the per-player opt-in); else null.
     */
    static JsonNode player(JsonNode m, java.util.function.Predicate<JsonNode> match) {
        if (m.path("type").asText().equals("player_update")) {
            return match.test(m.path("player")) ? m.path("player") : null;
        }
        if (m.path("type").asText().equals("player_updates")) {
            for (JsonNode p : m.path("players")) {
                if (match.test(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    @Test
    void myRacesListDraftsAndEntriesAndTheListCountsEntrants() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String login = unique("entrant");
        JsonNode entrant = http.newUser("user", "twitch=" + login);
        String raceId = createRace(organizer);
        assertEquals(201, post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}",
                organizer).status());

        JsonNode mine = http.get("api/races/mine", auth(organizer)).json();
        assertTrue(ids(mine.path("organized")).contains(raceId), "the draft is under organized: " + mine);
        JsonNode draft = mine.path("organized").get(0);
        assertEquals("draft", draft.path("status").asText());
        assertEquals(1, draft.path("entrant_count").asInt());
        assertEquals(4, draft.path("total_layers").asInt());
        assertFalse(ids(mine.path("entered")).contains(raceId));
        assertFalse(ids(http.get("api/races").json()).contains(raceId), "a draft is not in the public list");
        assertEquals(0, http.get("api/races?status=draft").json().size(), "nor asked for by status");
        assertTrue(ids(http.get("api/races/mine", auth(entrant)).json().path("entered")).contains(raceId));
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
        String raceId = createRace(organizer);
        post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}", organizer);
        String token = tokens(raceId, organizer).get(login);
        assertEquals(0, http.get("api/races/" + raceId + "/attempts").json().size());

        try (ModClient mod = mod(raceId)) {
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

        // A finished race's details: the same weak tag while only the clock moves, a 304 on it.
        Reply finished = http.get("api/races/" + raceId);
        String tag = finished.header("ETag");
        assertTrue(tag != null && tag.startsWith("W/\""), "a weak tag: " + tag);
        advance(5);
        Reply later = http.get("api/races/" + raceId);
        assertEquals(tag, later.header("ETag"));
        assertNotEquals(finished.json().path("server_time").asText(), later.json().path("server_time").asText());
        assertEquals(304, http.get("api/races/" + raceId, "If-None-Match", tag).status());

        JsonNode before = later.json();
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
        Reply reopened = http.get("api/races/" + raceId, "If-None-Match", tag);
        assertEquals(200, reopened.status(), "the reset is a committed change");
        assertEquals("open", reopened.json().path("status").asText());
        assertNotEquals(tag, reopened.header("ETag"));
    }

    @Test
    void raceDetailsAndPoolsAnswerNotModifiedUntilAChange() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        Reply pools = http.get("api/pools");
        String poolsTag = pools.header("ETag");
        assertNotNull(poolsTag, "the pools carry an entity tag");
        assertEquals(304, http.get("api/pools", "If-None-Match", poolsTag).status());
        Reply general = http.get("api/pools", "Accept", "application/json;q=0.9, */*;q=0.1");
        assertEquals(pools.body(), general.body(), "JAX-RS answers what the prepared bytes say");
        assertEquals(poolsTag, general.header("ETag"));

        String raceId = createRace(organizer);
        Reply consumed = http.get("api/pools", "If-None-Match", poolsTag);
        assertEquals(200, consumed.status(), "a race took a seed");
        assertNotEquals(poolsTag, consumed.header("ETag"));

        // The organizer's view: tagged without the clock, so it holds while only time passes.
        Reply mine = http.get("api/races/" + raceId, auth(organizer));
        String tag = mine.header("ETag");
        assertTrue(mine.json().path("is_organizer").asBoolean());
        assertTrue(mine.header("Cache-Control").contains("no-cache"), mine.header("Cache-Control"));
        assertFalse(mine.json().path("server_time").asText().isEmpty());
        advance(2);
        String[] conditional = Stream.concat(Stream.of(auth(organizer)), Stream.of("If-None-Match", tag))
                .toArray(String[]::new);
        Reply unchanged = http.get("api/races/" + raceId, conditional);
        assertEquals(304, unchanged.status());
        assertEquals("", unchanged.body());

        assertEquals(200, post("api/races/" + raceId + "/open", null, organizer).status());
        Reply opened = http.get("api/races/" + raceId, conditional);
        assertEquals(200, opened.status(), "opening the race is a change");
        assertEquals("open", opened.json().path("status").asText());
        // Anyone else's view is another body under another tag.
        Reply anonymous = http.get("api/races/" + raceId);
        assertFalse(anonymous.json().path("is_organizer").asBoolean());
        assertNotEquals(opened.header("ETag"), anonymous.header("ETag"));
        assertEquals(304, http.get("api/races/" + raceId, "If-None-Match", anonymous.header("ETag")).status());
        Problems.assertProblem(http.get("api/races/" + UUID.randomUUID()), 404, "/problems/race-not-found");
    }

    @Test
    void aSignedInBrowsersSpectatorSocketIsItsOwnersFromTheFirstFrame() {
        Http http = http();
        JsonNode organizer = http.newUser("user");
        String raceId = createRace(organizer);
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

    static List<String> ids(JsonNode races) {
        List<String> ids = new ArrayList<>();
        races.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    static void assertError(ModClient mod, String code) {
        JsonNode error = mod.await("error", WAIT);
        assertEquals(code, error.path("code").asText(), error.toString());
    }

    /** The finished participant {@code id} in a coalesced player_updates frame, or null. */
    private static JsonNode finishedPlayer(JsonNode message, String id) {
        if (!message.path("type").asText().equals("player_updates")) {
            return null;
        }
        for (JsonNode player : message.path("players")) {
            if (player.path("id").asText().equals(id) && player.path("status").asText().equals("finished")) {
                return player;
            }
        }
        return null;
    }
}
