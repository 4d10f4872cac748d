package io.paddock.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import org.glassfish.tyrus.server.Server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Discord for the bot, on loopback: the Gateway (a Tyrus WebSocket server) and the REST paths JDA calls
 * (on the shared stand-in HTTP server under {@code /discord-bot/api/v10/}), speaking Discord's own
 * payloads: Hello, Identify → READY (with this stand-in's {@code resume_gateway_url}) and GUILD_CREATE,
 * heartbeats and their ACKs, Resume → the events missed meanwhile then RESUMED, Invalid Session,
 * VOICE_STATE_UPDATE, CHANNEL_CREATE/DELETE; {@code GET users/@me}, channel create and delete, and 429s
 * with {@code retry_after} and a {@code Via} header (as Discord's own, not Cloudflare's).
 * <p>
 * It hands out no bot token in the shared runtime properties: the suite runs with the bot off; tests of
 * the bot deploy {@link DiscordBotOn}, which adds the token. Tests drive it: {@link #voiceJoin},
 * {@link #drop}, {@link #invalidateSession}, {@link #rateLimitNextCreate}, {@link #deleteByHand}.
 */
public final class FakeDiscordGateway implements StandIns.StandIn {

    public static final String TOKEN = "fake-bot-token";
    public static final String HMAC_SECRET = "fake-hub-secret-for-tests";
    public static final String GUILD_ID = "900000000000000001";
    public static final String BOT_ID = "900000000000000002";
    public static final String CATEGORY_ID = "900000000000000003";
    public static final String LOBBY_ID = "900000000000000004";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile FakeDiscordGateway instance;

    private Server server;
    private String gatewayUrl;
    private String resumeUrl;

    // Gateway state, guarded by this.
    private Session live;
    private boolean identified;
    private String sessionId;
    private long seq;
    private final List<ObjectNode> log = new ArrayList<>();
    private boolean holdHello;
    private final List<Session> waitingForHello = new ArrayList<>();
    private final Map<String, String> voiceChannels = new LinkedHashMap<>();
    private final Map<String, String> voiceStates = new LinkedHashMap<>();
    private final Counters counters = new Counters();

    // REST state.
    private final AtomicInteger rateLimitsLeft = new AtomicInteger();
    private volatile double retryAfterSeconds = 1.0;
    private final List<Instant> createAttempts = new CopyOnWriteArrayList<>();
    private final List<String> auditReasons = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(910_000_000_000_000_000L);

    /** What happened, for assertions. */
    public static final class Counters {
        public final AtomicInteger identifies = new AtomicInteger();
        public final AtomicInteger resumes = new AtomicInteger();
        public final AtomicInteger resumeUrlConnections = new AtomicInteger();
        public final AtomicInteger connections = new AtomicInteger();
    }

    public FakeDiscordGateway() {
        instance = this;
    }

    /** The running stand-in (the shared stand-ins start it). */
    public static FakeDiscordGateway get() {
        StandIns.start();
        return instance;
    }

    @Override
    public Map<String, String> install(HttpServer http, String baseUrl) {
        http.createContext("/discord-bot/api/v10/", exchange -> {
            try {
                rest(exchange);
            } catch (RuntimeException e) {
                send(exchange, 500, "{\"message\":\"" + e + "\",\"code\":0}", Map.of());
            }
        });
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            server = new Server("127.0.0.1", port, "/discord-gw", null, GatewayEndpoint.class);
            server.start();
            gatewayUrl = "ws://127.0.0.1:" + port + "/discord-gw/gateway";
            resumeUrl = "ws://127.0.0.1:" + port + "/discord-gw/resume";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException("Cannot start the Discord gateway stand-in", e);
        }
        synchronized (this) {
            voiceChannels.put(LOBBY_ID, "Lobby");
        }
        return Map.of("paddock.discord.bot.api-base", baseUrl + "/discord-bot/api/v10/",
                "paddock.discord.bot.gateway-url", gatewayUrl,
                "paddock.discord.bot.guild-id", GUILD_ID,
                "paddock.discord.bot.app-url", baseUrl + "/discord-app",
                "paddock.discord.bot.hmac-secret", HMAC_SECRET);
    }

    public Counters counters() {
        return counters;
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    // --- what tests do ------------------------------------------------------------------------

    /** A Discord user joins a voice channel (moving out of any other). */
    public void voiceJoin(String userId, String name, String channelId) {
        synchronized (this) {
            voiceStates.put(userId, channelId);
            dispatch("VOICE_STATE_UPDATE", voiceState(userId, name, channelId));
        }
    }

    /** A Discord user leaves voice. */
    public void voiceLeave(String userId, String name) {
        synchronized (this) {
            voiceStates.remove(userId);
            dispatch("VOICE_STATE_UPDATE", voiceState(userId, name, null));
        }
    }

    /** Someone deletes a voice channel in Discord's own client. */
    public void deleteByHand(String channelId) {
        synchronized (this) {
            String name = voiceChannels.remove(channelId);
            if (name != null) {
                dispatch("CHANNEL_DELETE", voiceChannel(channelId, name, null));
            }
        }
    }

    /** Closes the live connection as a failing gateway would (4000, resumable). */
    public void drop() {
        Session session;
        synchronized (this) {
            session = live;
            live = null;
        }
        close(session, 4000, "stand-in dropped the connection");
    }

    /** New connections get no Hello until {@link #releaseHello} (so a test can act while the bot is away). */
    public synchronized void holdHello() {
        holdHello = true;
    }

    public void releaseHello() {
        List<Session> waiting;
        synchronized (this) {
            holdHello = false;
            waiting = new ArrayList<>(waitingForHello);
            waitingForHello.clear();
        }
        waiting.forEach(this::hello);
    }

    public synchronized int waitingForHello() {
        return waitingForHello.size();
    }

    /** Sends Invalid Session (not resumable) on the live connection: the client must identify anew. */
    public void invalidateSession() {
        Session session;
        synchronized (this) {
            session = live;
            sessionId = null;
            identified = false;
            log.clear();
        }
        sendOp(session, 9, JSON.getNodeFactory().booleanNode(false), null, null);
    }

    /** The next {@code count} channel creations answer 429 with {@code retry_after} seconds. */
    public void rateLimitNextCreate(int count, double retryAfter) {
        retryAfterSeconds = retryAfter;
        rateLimitsLeft.set(count);
    }

    public List<Instant> createAttempts() {
        return createAttempts;
    }

    public List<String> auditReasons() {
        return auditReasons;
    }

    public synchronized boolean hasChannel(String channelId) {
        return voiceChannels.containsKey(channelId);
    }

    public synchronized boolean identifiedAndLive() {
        return identified && live != null && live.isOpen();
    }

    /** Waits (up to 60 s) for a condition of this stand-in. */
    public static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // --- gateway ------------------------------------------------------------------------------

    /** {@code /gateway} (what the bot is configured with) and {@code /resume} (READY's resume_gateway_url). */
    @ServerEndpoint("/{kind}")
    public static class GatewayEndpoint {
        @OnOpen
        public void open(Session session, @PathParam("kind") String kind) {
            instance.opened(session, kind.equals("resume"));
        }

        @OnMessage(maxMessageSize = 1 << 20)
        public void message(Session session, String text) {
            instance.received(session, text);
        }

        @OnClose
        public void closed(Session session) {
            instance.closed(session);
        }
    }

    void opened(Session session, boolean resumeUrlUsed) {
        counters.connections.incrementAndGet();
        if (resumeUrlUsed) {
            counters.resumeUrlConnections.incrementAndGet();
        }
        synchronized (this) {
            if (holdHello) {
                waitingForHello.add(session);
                return;
            }
        }
        hello(session);
    }

    private void hello(Session session) {
        ObjectNode d = JSON.createObjectNode();
        d.put("heartbeat_interval", 2000);
        sendOp(session, 10, d, null, null);
    }

    synchronized void closed(Session session) {
        if (live == session) {
            live = null;
        }
        waitingForHello.remove(session);
    }

    void received(Session session, String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (IOException e) {
            close(session, 4002, "decode error");
            return;
        }
        int op = msg.path("op").asInt(-1);
        JsonNode d = msg.path("d");
        switch (op) {
            case 1 -> sendOp(session, 11, null, null, null);
            case 2 -> identify(session, d);
            case 6 -> resume(session, d);
            case 3, 4, 8 -> {
                // presence, voice and member requests: nothing to answer
            }
            default -> close(session, 4001, "unknown opcode");
        }
    }

    private void identify(Session session, JsonNode d) {
        if (!TOKEN.equals(d.path("token").asText())) {
            close(session, 4004, "Authentication failed.");
            return;
        }
        counters.identifies.incrementAndGet();
        synchronized (this) {
            live = session;
            identified = true;
            sessionId = "stand-in-session-" + counters.identifies.get();
            seq = 0;
            log.clear();
            ObjectNode ready = JSON.createObjectNode();
            ready.put("v", 10);
            ready.set("user", user(BOT_ID, "paddock-bot", true));
            ArrayNode guilds = ready.putArray("guilds");
            guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
            ready.put("session_id", sessionId);
            ready.put("session_type", "normal");
            ready.put("resume_gateway_url", resumeUrl);
            ready.putObject("application").put("id", BOT_ID).put("flags", 0);
            ready.putArray("private_channels");
            ready.putArray("relationships");
            ready.putArray("presences");
            ready.putArray("guild_join_requests");
            ready.set("_trace", JSON.createArrayNode().add("stand-in"));
            dispatch("READY", ready);
            dispatch("GUILD_CREATE", guild());
        }
    }

    private void resume(Session session, JsonNode d) {
        synchronized (this) {
            if (!TOKEN.equals(d.path("token").asText()) || sessionId == null
                    || !sessionId.equals(d.path("session_id").asText())) {
                sendOp(session, 9, JSON.getNodeFactory().booleanNode(false), null, null);
                return;
            }
            counters.resumes.incrementAndGet();
            live = session;
            long from = d.path("seq").asLong();
            for (ObjectNode missed : log) {
                if (missed.path("s").asLong() > from) {
                    sendRaw(session, missed);
                }
            }
            dispatch("RESUMED", JSON.createObjectNode().set("_trace", JSON.createArrayNode().add("stand-in")));
        }
    }

    /** Sends (or, while the client is away, keeps for its resume) one dispatch; caller holds the lock. */
    private void dispatch(String type, ObjectNode d) {
        if (sessionId == null) {
            return;
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("op", 0);
        payload.put("t", type);
        payload.put("s", ++seq);
        payload.set("d", d);
        log.add(payload);
        if (live != null) {
            sendRaw(live, payload);
        }
    }

    private void sendOp(Session session, int op, JsonNode d, String t, Long s) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("op", op);
        payload.set("d", d == null ? JSON.nullNode() : d);
        payload.put("t", t);
        if (s == null) {
            payload.putNull("s");
        } else {
            payload.put("s", s);
        }
        sendRaw(session, payload);
    }

    private static void sendRaw(Session session, JsonNode payload) {
        if (session == null || !session.isOpen()) {
            return;
        }
        try {
            synchronized (session) {
                session.getBasicRemote().sendText(JSON.writeValueAsString(payload));
            }
        } catch (IOException e) {
            // the client went away; it will reconnect
        }
    }

    private static void close(Session session, int code, String reason) {
        if (session == null) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            // already gone
        }
    }

    // --- payloads -----------------------------------------------------------------------------

    private static ObjectNode user(String id, String name, boolean bot) {
        ObjectNode user = JSON.createObjectNode();
        user.put("id", id);
        user.put("username", name);
        user.put("discriminator", "0");
        user.put("global_name", bot ? null : name);
        user.putNull("avatar");
        user.put("bot", bot);
        user.put("flags", 0);
        user.put("public_flags", 0);
        return user;
    }

    private static ObjectNode member(String userId, String name, boolean bot) {
        ObjectNode member = JSON.createObjectNode();
        member.set("user", user(userId, name, bot));
        member.putArray("roles");
        member.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
        member.putNull("nick");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        member.put("pending", false);
        return member;
    }

    private ObjectNode guild() {
        ObjectNode g = JSON.createObjectNode();
        g.put("id", GUILD_ID);
        g.put("name", "Paddock Stand-in Guild");
        g.putNull("icon");
        g.putNull("splash");
        g.putNull("banner");
        g.putNull("description");
        g.put("owner_id", BOT_ID); // the bot owns the guild: every permission, Manage Channels included
        g.put("afk_timeout", 300);
        g.put("verification_level", 0);
        g.put("default_message_notifications", 0);
        g.put("explicit_content_filter", 0);
        g.put("mfa_level", 0);
        g.put("nsfw_level", 0);
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("premium_progress_bar_enabled", false);
        g.put("preferred_locale", "en-US");
        g.putArray("features");
        g.put("member_count", 1);
        g.put("large", false);
        g.put("unavailable", false);
        g.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
        ObjectNode everyone = g.putArray("roles").addObject();
        everyone.put("id", GUILD_ID);
        everyone.put("name", "@everyone");
        everyone.put("color", 0);
        everyone.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        everyone.put("hoist", false);
        everyone.put("position", 0);
        everyone.put("permissions", "1071698660929");
        everyone.put("managed", false);
        everyone.put("mentionable", false);
        everyone.put("flags", 0);
        g.putArray("members").add(member(BOT_ID, "paddock-bot", true));
        ArrayNode channels = g.putArray("channels");
        ObjectNode category = channels.addObject();
        category.put("id", CATEGORY_ID);
        category.put("type", 4);
        category.put("name", "Races");
        category.put("position", 0);
        category.putArray("permission_overwrites");
        category.put("flags", 0);
        voiceChannels.forEach((id, name) -> channels.add(voiceChannel(id, name, null)));
        g.putArray("threads");
        g.putArray("emojis");
        g.putArray("stickers");
        ArrayNode states = g.putArray("voice_states");
        voiceStates.forEach((user, channel) -> {
            ObjectNode state = voiceState(user, "user" + user, channel);
            state.remove("member");
            state.remove("guild_id");
            states.add(state);
        });
        g.putArray("guild_scheduled_events");
        g.putArray("stage_instances");
        g.putArray("presences");
        g.putArray("soundboard_sounds");
        return g;
    }

    private static ObjectNode voiceChannel(String id, String name, String parentId) {
        ObjectNode channel = JSON.createObjectNode();
        channel.put("id", id);
        channel.put("type", 2);
        channel.put("guild_id", GUILD_ID);
        channel.put("name", name);
        channel.put("position", 1);
        channel.put("bitrate", 64000);
        channel.put("user_limit", 0);
        channel.put("parent_id", parentId);
        channel.putArray("permission_overwrites");
        channel.put("nsfw", false);
        channel.putNull("rtc_region");
        channel.put("rate_limit_per_user", 0);
        channel.put("flags", 0);
        return channel;
    }

    private static ObjectNode voiceState(String userId, String name, String channelId) {
        ObjectNode state = JSON.createObjectNode();
        state.put("guild_id", GUILD_ID);
        state.put("channel_id", channelId);
        state.put("user_id", userId);
        state.set("member", member(userId, name, false));
        state.put("session_id", "voice-session-" + userId);
        state.put("deaf", false);
        state.put("mute", false);
        state.put("self_deaf", false);
        state.put("self_mute", false);
        state.put("self_stream", false);
        state.put("self_video", false);
        state.put("suppress", false);
        state.putNull("request_to_speak_timestamp");
        return state;
    }

    // --- REST ---------------------------------------------------------------------------------

    private void rest(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/discord-bot/api/v10/".length());
        String method = exchange.getRequestMethod();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bot " + TOKEN).equals(auth)) {
            send(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}", Map.of());
            return;
        }
        String reason = exchange.getRequestHeaders().getFirst("X-Audit-Log-Reason");
        if (method.equals("GET") && path.equals("users/@me")) {
            send(exchange, 200, JSON.writeValueAsString(user(BOT_ID, "paddock-bot", true)), Map.of());
        } else if (method.equals("POST") && path.equals("guilds/" + GUILD_ID + "/channels")) {
            createAttempts.add(Instant.now());
            if (rateLimitsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 429, "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                        + retryAfterSeconds + ",\"global\":false}",
                        Map.of("Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)),
                                "Via", "1.1 google", "X-RateLimit-Scope", "user",
                                "X-RateLimit-Bucket", "stand-in-channels", "X-RateLimit-Limit", "1",
                                "X-RateLimit-Remaining", "0",
                                "X-RateLimit-Reset-After", Double.toString(retryAfterSeconds)));
                return;
            }
            auditReasons.add(reason == null ? "" : URLDecoder.decode(reason, StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String id = Long.toString(nextId.incrementAndGet());
            String name = body.path("name").asText("voice");
            ObjectNode channel = voiceChannel(id, name, body.path("parent_id").isTextual()
                    ? body.get("parent_id").asText() : null);
            if (body.has("user_limit")) {
                channel.put("user_limit", body.get("user_limit").asInt());
            }
            synchronized (this) {
                voiceChannels.put(id, name);
                dispatch("CHANNEL_CREATE", channel.deepCopy());
            }
            send(exchange, 200, JSON.writeValueAsString(channel), bucket());
        } else if (method.equals("DELETE") && path.startsWith("channels/")) {
            String id = path.substring("channels/".length());
            String name;
            synchronized (this) {
                name = voiceChannels.remove(id);
                if (name != null) {
                    dispatch("CHANNEL_DELETE", voiceChannel(id, name, null));
                }
            }
            if (name == null) {
                send(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}", bucket());
                return;
            }
            auditReasons.add(reason == null ? "" : URLDecoder.decode(reason, StandardCharsets.UTF_8));
            send(exchange, 200, JSON.writeValueAsString(voiceChannel(id, name, null)), bucket());
        } else {
            send(exchange, 404, "{\"message\":\"404: Not Found\",\"code\":0}", Map.of());
        }
    }

    private static Map<String, String> bucket() {
        return Map.of("Via", "1.1 google", "X-RateLimit-Bucket", "stand-in", "X-RateLimit-Limit", "50",
                "X-RateLimit-Remaining", "49", "X-RateLimit-Reset-After", "0.1");
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
