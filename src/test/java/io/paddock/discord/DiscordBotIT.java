package io.paddock.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.racing.ModClient;
import io.paddock.testing.DiscordDeployments;
import io.paddock.testing.FakeDiscordGateway;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box, against the Discord stand-in: the bot's gateway session (READY, resume after a drop with
 * the events sent meanwhile, re-identify after an invalid session), rooms over REST with audit reasons
 * and a 429 honoured, and voice presence reaching a browser socket in order.
 */
@PaddockIT
class DiscordBotIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DiscordDeployments.botOn();
    }

    @ArquillianResource
    URL base;

    final HttpClient client = HttpClient.newHttpClient();
    final FakeDiscordGateway discord = FakeDiscordGateway.get();

    Http http() {
        return new Http(base);
    }

    static String discordId() {
        return Long.toString(920_000_000_000_000_000L + (long) (Math.random() * 1e15));
    }

    JsonNode admin() {
        Http http = http();
        Reply reply = http.get("api/admin/discord", http.bearer(http.newUser("admin").path("accessToken").asText()));
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    JsonNode awaitBot(String what, Predicate<JsonNode> condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonNode status = admin().path("bot");
        while (!condition.test(status)) {
            assertTrue(System.nanoTime() < end, "Timed out waiting for " + what + "; bot is " + status);
            sleep(100);
            status = admin().path("bot");
        }
        return status;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode awaitReady() {
        return awaitBot("ready", s -> s.path("state").asText().equals("ready"));
    }

    /** A browser socket authenticated with the user's token and subscribed to {@code topic}. */
    ModClient socket(JsonNode user, String topic) {
        ModClient socket = ModClient.connect(client, ModClient.socketUri(base, "/api/ws"));
        socket.send("type", "auth", "token", user.path("accessToken").asText());
        JsonNode ack = socket.await("ack", WAIT);
        assertEquals("authenticated", ack.path("event").asText(), ack.toString());
        socket.send("type", "subscribe", "topic", topic);
        JsonNode subscribed = socket.await("ack", WAIT);
        assertEquals("subscribed", subscribed.path("event").asText(), subscribed.toString());
        assertEquals(1, subscribed.path("v").asInt());
        return socket;
    }

    static JsonNode awaitEvent(ModClient socket, String event, String userOrChannel) {
        return socket.await(m -> "event".equals(m.path("type").asText()) && event.equals(m.path("event").asText())
                && (userOrChannel.equals(m.path("payload").path("userId").asText())
                        || userOrChannel.equals(m.path("payload").path("channelId").asText())),
                WAIT, event + " of " + userOrChannel);
    }

    @Test
    void botLogsInAndReportsReadyInHealthAndAdminStatus() {
        JsonNode status = awaitReady();
        assertEquals(FakeDiscordGateway.GUILD_ID, status.path("guildId").asText());
        assertEquals("Paddock Stand-in Guild", status.path("guildName").asText());
        assertTrue(status.path("sessions").asLong() >= 1, status.toString());
        assertTrue(discord.counters().identifies.get() >= 1);
        Reply health = http().get("health/ready");
        assertEquals(200, health.status(), health.body());
        JsonNode check = null;
        for (JsonNode c : health.json().path("checks")) {
            if (c.path("name").asText().equals("discord-bot")) {
                check = c;
            }
        }
        assertTrue(check != null, health.body());
        assertEquals("UP", check.path("status").asText());
        assertEquals("ready", check.path("data").path("state").asText());
        assertEquals("ready", http().get("api/discord/features").json().path("state").asText());
    }

    @Test
    void voiceJoinAndLeaveReachABrowserSocketInOrder() {
        awaitReady();
        String linked = discordId();
        String stranger = discordId();
        JsonNode user = http().newUser("user", "discord=" + linked + "&name=Linked%20Racer");
        try (ModClient socket = socket(user, "guild")) {
            discord.voiceJoin(linked, "linkedracer", FakeDiscordGateway.LOBBY_ID);
            discord.voiceJoin(stranger, "stranger", FakeDiscordGateway.LOBBY_ID);
            discord.voiceLeave(linked, "linkedracer");
            JsonNode joined = awaitEvent(socket, "voice.joined", linked);
            assertEquals(FakeDiscordGateway.LOBBY_ID, joined.path("payload").path("channelId").asText());
            assertEquals(FakeDiscordGateway.GUILD_ID, joined.path("payload").path("guildId").asText());
            assertEquals(user.path("userId").asText(), joined.path("payload").path("paddockUserId").asText());
            assertEquals("Linked Racer", joined.path("payload").path("displayName").asText());
            JsonNode other = awaitEvent(socket, "voice.joined", stranger);
            assertFalse(other.path("payload").has("paddockUserId"), other.toString());
            JsonNode left = awaitEvent(socket, "voice.left", linked);
            assertEquals(FakeDiscordGateway.LOBBY_ID, left.path("payload").path("channelId").asText());
            assertTrue(left.path("ts").asLong() >= joined.path("ts").asLong());
        }
    }

    @Test
    void roomsAreOpenedAndEndedWithAuditReasonsAndOnlyTheirCreatorMayEndThem() {
        awaitReady();
        Http http = http();
        JsonNode creator = http.newUser("user");
        JsonNode other = http.newUser("user");
        try (ModClient socket = socket(creator, "guild")) {
            Reply created = http.send("POST", "api/create-room", "application/json",
                    "{\"name\":\"Sunday league\",\"userLimit\":8}",
                    http.bearer(creator.path("accessToken").asText()));
            assertEquals(201, created.status(), created.body());
            String channel = created.json().path("channelId").asText();
            assertEquals("Sunday league", created.json().path("name").asText());
            assertEquals(8, created.json().path("userLimit").asInt());
            assertTrue(created.json().path("joinUrl").asText()
                    .endsWith("/channels/" + FakeDiscordGateway.GUILD_ID + "/" + channel));
            assertTrue(discord.hasChannel(channel));
            assertTrue(discord.auditReasons().stream().anyMatch(r -> r.contains(creator.path("userId").asText())),
                    discord.auditReasons().toString());
            JsonNode announced = awaitEvent(socket, "room.created", channel);
            assertEquals("Sunday league", announced.path("payload").path("name").asText());

            Problems.assertProblem(http.send("DELETE", "api/end-room/" + channel, null, null,
                    http.bearer(other.path("accessToken").asText())), 403, "/problems/room-not-yours");
            assertTrue(discord.hasChannel(channel));

            Reply ended = http.send("DELETE", "api/end-room/" + channel, null, null,
                    http.bearer(creator.path("accessToken").asText()));
            assertEquals(200, ended.status(), ended.body());
            assertTrue(ended.json().path("endedAt").isTextual(), ended.body());
            assertFalse(discord.hasChannel(channel));
            awaitEvent(socket, "room.deleted", channel);
            Problems.assertProblem(http.send("DELETE", "api/end-room/" + channel, null, null,
                    http.bearer(creator.path("accessToken").asText())), 404, "/problems/room-not-found");
        }
    }

    @Test
    void aRateLimitedCreateIsRetriedAfterRetryAfter() {
        awaitReady();
        Http http = http();
        JsonNode creator = http.newUser("user");
        int before = discord.createAttempts().size();
        discord.rateLimitNextCreate(1, 1.0);
        Reply created = http.send("POST", "api/create-room", "application/json", "{}",
                http.bearer(creator.path("accessToken").asText()));
        assertEquals(201, created.status(), created.body());
        assertEquals(before + 2, discord.createAttempts().size());
        Duration between = Duration.between(discord.createAttempts().get(before),
                discord.createAttempts().get(before + 1));
        assertTrue(between.toMillis() >= 900, "retried after " + between + ", before retry_after passed");
        assertEquals("Test user's room", created.json().path("name").asText());
    }

    @Test
    void aChannelDeletedInDiscordByHandIsMarkedEnded() {
        awaitReady();
        Http http = http();
        JsonNode creator = http.newUser("user");
        String channel = http.send("POST", "api/create-room", "application/json", "{\"name\":\"by hand\"}",
                http.bearer(creator.path("accessToken").asText())).json().path("channelId").asText();
        discord.deleteByHand(channel);
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode room = null;
            for (JsonNode r : admin().path("rooms")) {
                if (r.path("channelId").asText().equals(channel)) {
                    room = r;
                }
            }
            assertTrue(room != null);
            if (!room.path("endedAt").isMissingNode() && !room.path("endedAt").isNull()) {
                break;
            }
            assertTrue(System.nanoTime() < end, "room not marked ended: " + room);
            sleep(100);
        }
    }

    @Test
    void roomInputIsCheckedBeforeDiscordIsCalled() {
        awaitReady();
        Http http = http();
        String[] auth = http.bearer(http.newUser("user").path("accessToken").asText());
        int before = discord.createAttempts().size();
        Problems.assertProblem(http.send("POST", "api/create-room", "application/json", "{\"userLimit\":500}",
                auth), 400, "/problems/validation");
        Problems.assertProblem(http.send("POST", "api/create-room", "application/json",
                "{\"parentId\":\"123456\"}", auth), 400, "/problems/parent-not-found");
        Problems.assertProblem(http.send("DELETE", "api/end-room/not-a-channel", null, null, auth), 400,
                "/problems/validation");
        assertEquals(before, discord.createAttempts().size());
        Problems.assertProblem(http.send("POST", "api/create-room", "application/json", "{}"), 401,
                "/problems/unauthenticated");
    }

    @Test
    void aDroppedSessionResumesAndDeliversWhatWasSentMeanwhile() {
        long resumesBefore = awaitReady().path("resumes").asLong();
        int resumeUrlBefore = discord.counters().resumeUrlConnections.get();
        String userId = discordId();
        JsonNode user = http().newUser("user");
        try (ModClient socket = socket(user, "room:" + FakeDiscordGateway.LOBBY_ID)) {
            discord.holdHello();
            try {
                discord.drop();
                FakeDiscordGateway.await("the bot to reconnect", () -> discord.waitingForHello() > 0);
                // Sent while the bot is away: delivered after the resume.
                discord.voiceJoin(userId, "latecomer", FakeDiscordGateway.LOBBY_ID);
            } finally {
                discord.releaseHello();
            }
            awaitEvent(socket, "voice.joined", userId);
        }
        JsonNode status = awaitBot("a resume", s -> s.path("resumes").asLong() > resumesBefore
                && s.path("state").asText().equals("ready"));
        assertTrue(status.path("resumes").asLong() > resumesBefore);
        assertTrue(discord.counters().resumeUrlConnections.get() > resumeUrlBefore,
                "JDA resumed on the READY's resume_gateway_url");
    }

    @Test
    void anInvalidSessionMakesTheBotIdentifyAgain() {
        long sessionsBefore = awaitReady().path("sessions").asLong();
        int identifiesBefore = discord.counters().identifies.get();
        discord.invalidateSession();
        FakeDiscordGateway.await("a new identify", () -> discord.counters().identifies.get() > identifiesBefore);
        JsonNode status = awaitBot("a new session", s -> s.path("sessions").asLong() > sessionsBefore
                && s.path("state").asText().equals("ready"));
        assertTrue(status.path("sessions").asLong() > sessionsBefore);
        // The new session works: voice events flow again.
        String userId = discordId();
        try (ModClient socket = socket(http().newUser("user"), "guild")) {
            discord.voiceJoin(userId, "after-invalid", FakeDiscordGateway.LOBBY_ID);
            awaitEvent(socket, "voice.joined", userId);
        }
    }
}
