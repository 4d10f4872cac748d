package io.paddock.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.paddock.testing.PaddockNode.await;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.racing.ModClient;
import io.paddock.telemetry.PluginClient;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockNode;
import io.paddock.testing.TestDatabase;

/**
 * Two Paddock nodes clustered on loopback, each a Payara Micro started by server-config/micro as
 * scripts/run starts it (PADDOCK_CLUSTER_MEMBERS set, a 3 s lease), on a database of their own. One
 * race runs across both: a mod on each node, a spectator on each. Spectators of both nodes get the
 * same frames in the same order, with the cluster's spectator count. A plugin streams heartbeats to
 * the leading node. Then the leading node is killed (SIGKILL) in the middle of the race: the plugin's
 * stream continues on the other node in the same session under the 3 s and 10 s rules, the killed
 * node's mod reconnects to the other node, which takes over the timers (a second race's scheduled
 * start happens there, the lease moves within lease plus renewal) and the room, and the race finishes
 * with every finish recorded, spectators told the finish, and versions that never went back. Before
 * that, an account suspended on one node is refused at once on the other, and its mod socket there is
 * closed.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    // Two Payara Micro boots share the cores with the test JVM: about a minute each on a quiet machine.
    static final Duration BOOT = Duration.ofMinutes(10);

    static String dbUrl;
    static PaddockNode a;
    static PaddockNode b;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        // The test JVM's temporary folder (pom.xml: target/it-tmp) holds the stand-ins' files.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        dbUrl = PaddockNode.freshDatabase("nodes");

        Path home = Path.of("target/cluster-it");
        PaddockNode.deleteTree(home);
        Path war = PaddockNode.exportWar(home.resolve("paddock.war"));
        int gridA = PaddockNode.freePort();
        int gridB = PaddockNode.freePort();
        String members = "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB;
        String cluster = "paddock-it-" + UUID.randomUUID().toString().substring(0, 8);
        a = start("a", home, war, members, cluster, gridA);
        b = start("b", home, war, members, cluster, gridB);
        a.awaitReady(BOOT);
        b.awaitReady(BOOT);
    }

    /** A node of the cluster, its Payara root and log under {@code home}. */
    static PaddockNode start(String name, Path home, Path war, String members, String cluster, int gridPort)
            throws IOException {
        return PaddockNode.start(name, war, home.resolve(name), home.resolve(name + ".log"), dbUrl, Map.of(
                "PADDOCK_CLUSTER_MEMBERS", members,
                "PADDOCK_CLUSTER_NAME", cluster,
                "PADDOCK_CLUSTER_PORT", Integer.toString(gridPort),
                "PADDOCK_CLUSTER_LEASE", "PT3S",
                // Two nodes stopping at once would both write the class-data-sharing archive beside the WAR.
                "PADDOCK_CDS_ARCHIVE", "off"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (PaddockNode node : new PaddockNode[] {a, b}) {
            if (node != null && node.process().isAlive()) {
                // What each live node's threads were doing, beside its log, for a failure's diagnosis.
                try {
                    new ProcessBuilder("jcmd", Long.toString(node.process().pid()), "Thread.print")
                            .redirectErrorStream(true).redirectOutput(node.log().resolveSibling(node.name() + "-threads.txt").toFile())
                            .start().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (IOException e) {
                    // no JDK tools: the log has to do
                }
            }
        }
        for (PaddockNode node : new PaddockNode[] {a, b}) {
            if (node != null) {
                node.process().destroy(); // both at once; stop() then waits for each
            }
        }
        for (PaddockNode node : new PaddockNode[] {a, b}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void rateLimitsCountRequestsOfEveryNode() {
        // token-ip: 30 a minute per address; requests alternate between the nodes.
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        for (int i = 0; i < 30; i++) {
            Reply reply = (i % 2 == 0 ? a : b).http().send("POST", "api/auth/token-exchange", "application/json",
                    "{\"token\":\"no-such-token\"}", "X-Forwarded-For", address);
            assertNotEquals(429, reply.status(), "request " + (i + 1) + " of 30: " + reply.body());
        }
        for (PaddockNode node : new PaddockNode[] {a, b}) {
            Reply refused = node.http().send("POST", "api/auth/token-exchange", "application/json",
                    "{\"token\":\"no-such-token\"}", "X-Forwarded-For", address);
            assertEquals(429, refused.status(), "the cluster's 31st request, on node " + node.name());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aSuspensionOnOneNodeStopsTheAccountOnEveryNodeAtOnce() {
        // "Ready" comes before the last of the application's startup work: wait until both serve the API.
        for (PaddockNode node : new PaddockNode[] {a, b}) {
            await(() -> node.http().send("POST", "api/test-support/clock/advance?seconds=0", null, null).status() == 200,
                    BOOT, "node " + node.name() + " serves the API");
        }
        JsonNode admin = a.http().newUser("admin");
        JsonNode organizer = a.http().newUser("user");
        String login = unique("sus");
        JsonNode user = a.http().newUser("user", "twitch=" + login);
        String raceId = race(a.http(), organizer, login);
        String token = tokens(a.http(), raceId, organizer).get(login);
        // An API key, not an access token: each node here has its own public URL, the issuer its tokens check.
        String[] asUser = b.http().bearer(user.path("apiKey").asText());
        String why = "{\"reason\":\"Suspended across the cluster\",\"ticketId\":\"OPS-1\"}";
        assertEquals(200, b.http().get("api/auth/me", asUser).status());
        try (ModClient mod = socket(b, "ws/mod/" + raceId)) {
            mod.auth(token);
            Reply suspended = a.http().send("POST", "api/admin/users/" + user.path("userId").asText() + "/suspend",
                    "application/json", why, a.http().bearer(admin.path("accessToken").asText()));
            assertEquals(200, suspended.status(), suspended.body());
            assertEquals(4005, mod.awaitClose(WAIT), "the other node closes the account's mod socket");
        }
        // The topic reached node b before its socket closed, so its set already holds the account.
        assertEquals(401, b.http().get("api/auth/me", asUser).status());
        assertEquals(401, b.http().get("api/auth/me", "Cookie", "paddock_session="
                + user.path("sessionCookie").asText()).status());
        Reply restored = b.http().send("POST", "api/admin/users/" + user.path("userId").asText() + "/restore",
                "application/json", why, b.http().bearer(admin.path("apiKey").asText()));
        assertEquals(200, restored.status(), restored.body());
        assertEquals(200, a.http().get("api/auth/me", a.http().bearer(user.path("apiKey").asText())).status());
        assertEquals(200, b.http().get("api/auth/me", asUser).status());
    }

    @Test
    @org.junit.jupiter.api.Order(3) // kills a node: last
    void aRaceAcrossTwoNodesFinishesWhenTheLeaderDies() throws Exception {
        PaddockNode leader = leader();
        PaddockNode other = leader == a ? b : a;
        Http http = other.http();
        JsonNode organizer = http.newUser("user");
        String alice = unique("alice");
        String bob = unique("bob");
        http.newUser("user", "twitch=" + alice);
        http.newUser("user", "twitch=" + bob);
        String raceId = race(http, organizer, alice, bob);
        Map<String, String> tokens = tokens(http, raceId, organizer);
        String second = race(http, organizer, alice);

        List<Long> modVersions = new ArrayList<>();
        Instant killed;
        try (ModClient watchLeader = socket(leader, "ws/race/" + raceId);
                ModClient watchOther = socket(other, "ws/race/" + raceId);
                ModClient aliceMod = socket(leader, "ws/mod/" + raceId);
                ModClient bobMod = socket(other, "ws/mod/" + raceId)) {
            watchLeader.await("race_state", WAIT);
            watchOther.await("race_state", WAIT);
            aliceMod.auth(tokens.get(alice));
            bobMod.auth(tokens.get(bob));
            aliceMod.ready();
            bobMod.ready();
            for (ModClient watcher : List.of(watchLeader, watchOther)) {
                awaitSeen(watcher, m -> m.path("type").asText().equals("leaderboard_update")
                        && m.path("participants").findValues("status").stream().allMatch(s -> s.asText().equals("ready"))
                        && m.path("participants").findValues("mod_connected").stream().allMatch(JsonNode::asBoolean),
                        "both ready with their mods connected, whichever node holds them");
                awaitSeen(watcher, m -> m.path("spectator_count").asInt() == 2
                        || m.path("type").asText().equals("spectator_count") && m.path("count").asInt() == 2,
                        "two spectators in the cluster");
            }

            // Part 1: one race, mods on both nodes; both nodes' spectators see the same frames in order.
            Instant startAt = now(http).plusSeconds(2);
            Reply start = post(http, "api/races/" + raceId + "/start", "{\"scheduled_start\":\"" + startAt + "\"}",
                    organizer);
            assertEquals(200, start.status(), start.body());
            advancePast(leader, startAt);
            for (ModClient watcher : List.of(watchLeader, watchOther)) {
                awaitSeen(watcher, m -> m.path("type").asText().equals("race_status_change")
                        && m.path("status").asText().equals("running"), "running");
            }
            aliceMod.status(1_000, "chapel", 0, 0);
            bobMod.status(1_500, "chapel", 0, 0);
            aliceMod.zone("start", "a", 5_000);
            bobMod.zone("start", "a", 6_000);
            aliceMod.status(7_000, "stormveil", 1, 1);
            bobMod.status(8_000, "stormveil", 1, 2);
            for (ModClient watcher : List.of(watchLeader, watchOther)) {
                awaitSeen(watcher, m -> shown(watcher, alice, 7_000) && shown(watcher, bob, 8_000),
                        "both players' last updates");
            }
            awaitSeen(bobMod, m -> m.path("type").asText().equals("leaderboard_update") && at(m, bob, 8_000),
                    "the mods' board");
            // Both got the last updates; a later frame may have reached one node only so far.
            List<String> fromLeader = framesSinceRunning(watchLeader);
            List<String> fromOther = framesSinceRunning(watchOther);
            int common = Math.min(fromLeader.size(), fromOther.size());
            assertTrue(common >= 4, "frames since the start: " + fromLeader + " / " + fromOther);
            assertEquals(fromLeader.subList(0, common), fromOther.subList(0, common),
                    "the same frames in the same order on both nodes");

            // A plugin streams heartbeats to the leader (its installation hashed there), 5 s apart.
            alignClocks(leader, other);
            PluginClient onLeader = new PluginClient(leader.http(), "iRacing");
            Reply registered = onLeader.register(leader.http().newUser("user").path("accessToken").asText());
            assertEquals(201, registered.status(), registered.body());
            PluginClient onOther = onLeader.on(other.http());
            Reply first = heartbeat(onLeader, 0);
            String session = first.json().path("sessionId").asText();
            advance(5, leader, other);
            assertEquals(session, heartbeat(onLeader, 5).json().path("sessionId").asText());
            // Both are written (the leader writes accepted heartbeats in batches of a few milliseconds).
            await(() -> storedHeartbeats(session) == 2, WAIT, "both heartbeats stored");

            // Part 2: the leader dies mid-race (and while a second race counts down to its start).
            Instant secondAt = now(http).plusSeconds(4);
            Reply countdown = post(http, "api/races/" + second + "/start", "{\"scheduled_start\":\"" + secondAt + "\"}",
                    organizer);
            assertEquals("countdown", countdown.json().path("status").asText(), countdown.body());
            killed = databaseNow();
            leader.kill();

            // The plugin's next heartbeat lands on the other node, 5 s after its last: the same session.
            advance(5, other);
            Reply moved = heartbeat(onOther, 10);
            assertEquals(session, moved.json().path("sessionId").asText(), moved.body());
            assertFalse(moved.json().has("code"), moved.body());
            // The 3 s rule holds across the move: the other node read the last heartbeat's time.
            advance(1, other);
            Reply tooSoon = onOther.heartbeat(170, 6800, 4, 11, 3, 111);
            assertEquals(429, tooSoon.status(), tooSoon.body());
            advance(4, other);
            assertEquals(session, heartbeat(onOther, 15).json().path("sessionId").asText());
            // And the 10 s rule: a gap over 10 s ends the session; the next heartbeat starts another.
            advance(11, other);
            Reply afterGap = heartbeat(onOther, 26);
            assertEquals("CONNECTION_STALE", afterGap.json().path("code").asText(), afterGap.body());
            assertNotEquals(session, afterGap.json().path("sessionId").asText(), afterGap.body());
            await(() -> storedHeartbeats(session) == 4, WAIT, "the first session's four heartbeats, from both nodes");

            advancePast(other, secondAt);
            aliceMod.awaitClose(WAIT);

            // Its mod reconnects to the other node and finishes there; so does the other mod.
            try (ModClient again = socket(other, "ws/mod/" + raceId)) {
                JsonNode ok = again.auth(tokens.get(alice));
                assertEquals("running", ok.path("race").path("status").asText(), ok.toString());
                again.status(12_000, "leyndell", 2, 1);
                again.finished(20_000);
                bobMod.finished(25_000);
                awaitSeen(watchOther, m -> m.path("type").asText().equals("race_status_change")
                        && m.path("status").asText().equals("finished"), "the race finished");
            }
            for (ModClient.Received r : bobMod.drain()) {
                if (r.json().path("type").asText().equals("leaderboard_update")) {
                    modVersions.add(r.json().path("version").asLong());
                }
            }
            assertIncreasing(modVersions, "the mod's leaderboard versions, across the takeover");
            List<Long> spectatorVersions = new ArrayList<>();
            for (ModClient.Received r : watchOther.drain()) {
                if (r.json().has("version") && !r.json().path("type").asText().equals("race_state")) {
                    spectatorVersions.add(r.json().path("version").asLong());
                }
            }
            assertIncreasing(spectatorVersions, "the surviving spectator's versions, across the takeover");
        }

        // Every finish is recorded.
        JsonNode stored = http.get("api/races/" + raceId).json();
        assertEquals("finished", stored.path("status").asText(), stored.toString());
        Map<String, Long> finishes = new HashMap<>();
        for (JsonNode p : stored.path("participants")) {
            assertEquals("finished", p.path("status").asText(), p.toString());
            finishes.put(p.path("twitch_username").asText(), p.path("igt_ms").asLong());
        }
        assertEquals(Map.of(alice, 20_000L, bob, 25_000L), finishes);

        // The timers moved: the other node holds the lease and started the second race.
        await(() -> http.get("api/races/" + second).json().path("status").asText().equals("running"), WAIT,
                "the second race started by the surviving node");
        assertTrue(holder().startsWith(other.name() + "/"), holder());
        // Within one lease (3 s here) plus one renewal period (1 s) of the kill, with room for a loaded
        // machine's late timer: the lease is the database's, so only the survivor's timer can be late.
        Duration moved = Duration.between(killed, leaseAcquiredAt());
        System.out.println("ClusterIT: the lease moved " + moved.toMillis() + " ms after the kill");
        assertTrue(moved.compareTo(Duration.ofSeconds(3 + 1 + 10)) < 0, "the lease moved after " + moved);
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A heartbeat that moves (speed and session time follow {@code t}), accepted with a session id. */
    static Reply heartbeat(PluginClient plugin, int t) {
        Reply reply = plugin.heartbeat(150 + t, 6000 + 10 * t, 3 + t % 2, 10 + t, 3, 100 + t);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().path("accepted").asBoolean(), reply.body());
        return reply;
    }

    /** Moves the test clocks of {@code nodes} by the same number of seconds. */
    static void advance(long seconds, PaddockNode... nodes) {
        for (PaddockNode node : nodes) {
            Reply moved = node.http().send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null);
            assertEquals(200, moved.status(), moved.body());
        }
    }

    /**
     * Brings two nodes' test clocks (each stands still until moved) within a second of each other, as
     * the real clocks of a cluster's machines are: the one behind moves forward.
     */
    static void alignClocks(PaddockNode x, PaddockNode y) {
        long behind = Duration.between(now(x.http()), now(y.http())).toSeconds();
        if (behind > 0) {
            advance(behind, x);
        } else if (behind < 0) {
            advance(-behind, y);
        }
    }

    static Instant databaseNow() throws SQLException {
        return instant("SELECT now()");
    }

    static Instant leaseAcquiredAt() throws SQLException {
        return instant("SELECT acquired_at FROM cluster_leases WHERE name = 'leader'");
    }

    static Instant instant(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getTimestamp(1).toInstant();
        }
    }

    static int storedHeartbeats(String session) {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                java.sql.PreparedStatement s = c.prepareStatement("SELECT heartbeats FROM telemetry_sessions WHERE id = ?")) {
            s.setObject(1, UUID.fromString(session));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    PaddockNode leader() throws SQLException {
        await(() -> {
            try {
                return holder() != null;
            } catch (SQLException e) {
                return false;
            }
        }, WAIT, "a leader");
        String holder = holder();
        assertNotEquals(null, holder);
        return holder.startsWith("a/") ? a : b;
    }

    static String holder() throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT holder FROM cluster_leases WHERE name = 'leader'"
                        + " AND expires_at > now()")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    ModClient socket(PaddockNode node, String path) {
        return ModClient.connect(client, ModClient.socketUri(node.base(), path));
    }

    static String race(Http http, JsonNode organizer, String... logins) {
        Reply created = post(http, "api/races", "{\"name\":\"Race " + UUID.randomUUID() + "\",\"pool_name\":\"standard\","
                + "\"config\":{\"show_finished_names\":true,\"max_participants\":8}}", organizer);
        assertEquals(201, created.status(), created.body());
        String raceId = created.json().path("id").asText();
        for (String login : logins) {
            Reply added = post(http, "api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}",
                    organizer);
            assertEquals(201, added.status(), added.body());
        }
        assertEquals(200, post(http, "api/races/" + raceId + "/open", null, organizer).status());
        return raceId;
    }

    static Map<String, String> tokens(Http http, String raceId, JsonNode organizer) {
        return ModClient.modTokens(http, raceId, organizer);
    }

    static Reply post(Http http, String path, String body, JsonNode user) {
        return http.send("POST", path, "application/json", body, http.bearer(user.path("accessToken").asText()));
    }

    static Instant now(Http http) {
        return Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=0", null, null).json().asText());
    }

    /**
     * Moves a node's test clock (each node has its own, standing still until moved) past {@code at}, so
     * its race clock starts what was scheduled then, when it leads.
     */
    static void advancePast(PaddockNode node, Instant at) {
        long behind = Duration.between(now(node.http()), at).toSeconds() + 1;
        if (behind > 0) {
            assertEquals(200, node.http().send("POST", "api/test-support/clock/advance?seconds=" + behind, null, null)
                    .status());
        }
    }

    static String unique(String login) {
        return login + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Whether a frame shows {@code login} at {@code igt} (a player or leaderboard update). */
    static boolean at(JsonNode frame, String login, long igt) {
        for (String list : new String[] {"participants", "players"}) {
            for (JsonNode p : frame.path(list)) {
                if (p.path("twitch_username").asText().equals(login) && p.path("igt_ms").asLong() == igt) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits for a frame matching {@code match}, among those received already or the next ones. */
    static void awaitSeen(ModClient client, java.util.function.Predicate<JsonNode> match, String what) {
        if (client.drain().stream().noneMatch(r -> match.test(r.json()))) {
            client.await(match, WAIT, what);
        }
    }

    /**
     * Whether a spectator was shown {@code login} at {@code igt}. A player update carries a participant's id
     * and only the fields that changed (its names only when it is sent whole), as clients merge it, so the
     * login is found by its id, which any frame naming it gives.
     */
    static boolean shown(ModClient watcher, String login, long igt) {
        List<JsonNode> frames = watcher.seen().stream().map(r -> r.json()).toList();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode frame : frames) {
            for (String list : new String[] {"participants", "players"}) {
                for (JsonNode p : frame.path(list)) {
                    if (p.path("twitch_username").asText().equals(login)) {
                        ids.add(p.path("id").asText());
                    }
                }
            }
        }
        for (JsonNode frame : frames) {
            for (String list : new String[] {"participants", "players"}) {
                for (JsonNode p : frame.path(list)) {
                    if (ids.contains(p.path("id").asText()) && p.path("igt_ms").asLong() == igt) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * What a spectator received from the race's start on, without spectator counts (a node may merge
     * two counts that fall within one of its ticks; the count itself is the cluster's).
     */
    static List<String> framesSinceRunning(ModClient watcher) {
        List<String> frames = new ArrayList<>();
        boolean running = false;
        for (ModClient.Received r : watcher.drain()) {
            JsonNode m = r.json();
            running |= m.path("type").asText().equals("race_status_change") && m.path("status").asText().equals("running");
            if (running && !m.path("type").asText().equals("spectator_count")) {
                frames.add(m.toString());
            }
        }
        return frames;
    }

    static void assertIncreasing(List<Long> versions, String what) {
        assertTrue(versions.size() >= 2, what + ": " + versions);
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(versions.get(i) > versions.get(i - 1), what + " went back at " + i + ": " + versions);
        }
    }
}
