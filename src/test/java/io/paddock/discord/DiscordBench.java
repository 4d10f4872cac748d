package io.paddock.discord;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.glassfish.tyrus.server.Server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.paddock.testing.FakeDiscordGateway;

/**
 * Stand-in gateway event → browser sockets (bench/discord.sh). Starts the Discord stand-in in this JVM,
 * Paddock (scripts/run) pointed at it, connects {@code browsers} sockets to {@code /api/ws} (authenticated,
 * subscribed to {@code guild}), then sends {@code rounds} VOICE_STATE_UPDATEs one after the other and
 * measures, per socket, the time from the stand-in sending the gateway frame to the socket receiving
 * {@code voice.joined} (everything Paddock does: JDA, presence, the hub's tick and fan-out). The same run
 * drives a bare Tyrus 2.1.5 server in this JVM writing a frame of the same size to as many sockets,
 * for the fan-out to compare against.
 * <p>
 * Usage: {@code DiscordBench <port> <jdbc url> <browsers> <rounds>}. Loopback only; every wait is bounded.
 */
public final class DiscordBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "bench-admin@paddock.test";
    private static final String PASSWORD = "bench horse battery 9";

    /** Per round: nanos at which the event left, and every socket's arrival. */
    static final class Round {
        final long sentAt;
        final CountDownLatch all;
        final List<Long> arrivals = new CopyOnWriteArrayList<>();

        Round(long sentAt, int sockets) {
            this.sentAt = sentAt;
            this.all = new CountDownLatch(sockets);
        }
    }

    static final Map<String, Round> ROUNDS = new ConcurrentHashMap<>();

    /** A browser: counts the {@code voice.joined} of the round its user id names. */
    static final class Browser implements WebSocket.Listener {
        final StringBuilder partial = new StringBuilder();
        final CountDownLatch ready = new CountDownLatch(1);
        /** Why the server closed the socket (code and reason), when it did. */
        volatile String closed;

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed = code + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed = "error " + error;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (!last) {
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode msg = JSON.readTree(text);
                String type = msg.path("type").asText();
                if (type.equals("ping")) {
                    socket.sendText("{\"type\":\"pong\"}", true);
                } else if (type.equals("ack") && msg.path("event").asText().equals("subscribed")) {
                    ready.countDown();
                } else if (type.equals("event")) {
                    Round round = ROUNDS.get(msg.path("payload").path("userId").asText());
                    if (round != null) {
                        round.arrivals.add(now - round.sentAt);
                        round.all.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // not counted
            }
            return null;
        }
    }

    /** The bare Tyrus baseline's server side: every connected session, to write to. */
    @ServerEndpoint("/bare")
    public static class BareEndpoint {
        static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

        @OnOpen
        public void open(Session session) {
            SESSIONS.add(session);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String db = args[1];
        int browsers = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);

        HttpServer standIns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIns.setExecutor(Executors.newCachedThreadPool());
        FakeDiscordGateway discord = new FakeDiscordGateway();
        Map<String, String> config = discord.install(standIns,
                "http://127.0.0.1:" + standIns.getAddress().getPort());
        standIns.start();

        ProcessBuilder run = new ProcessBuilder("scripts/run").redirectErrorStream(true)
                .redirectOutput(Path.of("target/bench-discord-server.log").toFile());
        Map<String, String> env = run.environment();
        config.forEach((key, value) -> env.put(envName(key), value));
        env.put("PADDOCK_DISCORD_BOT_TOKEN", FakeDiscordGateway.TOKEN);
        env.put("PADDOCK_PORT", Integer.toString(port));
        env.put("PADDOCK_DB_URL", db);
        env.put("PADDOCK_BOOTSTRAP_SUPERADMIN_EMAIL", EMAIL);
        env.put("PADDOCK_BOOTSTRAP_SUPERADMIN_PASSWORD", PASSWORD);
        Process server = run.start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            awaitBotReady(http, base);
            String token = login(http, base);
            System.out.printf(Locale.ROOT, "%d browsers, %d rounds%n", browsers, rounds);
            List<WebSocket> sockets = new ArrayList<>();
            List<Browser> listeners = new ArrayList<>();
            for (int i = 0; i < browsers; i++) {
                listeners.add(new Browser());
                sockets.add(open(http, base, token, listeners.get(i)));
            }
            // On a loaded machine the server may close a socket it could not authenticate in time (4001):
            // such a socket connects again, up to three times.
            int reconnects = 0;
            long subscribeBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < browsers; i++) {
                for (int attempt = 0; !listeners.get(i).ready.await(250, TimeUnit.MILLISECONDS); ) {
                    Browser b = listeners.get(i);
                    if (b.closed != null && attempt++ < 3) {
                        reconnects++;
                        listeners.set(i, new Browser());
                        sockets.set(i, open(http, base, token, listeners.get(i)));
                    } else if (b.closed != null || System.nanoTime() > subscribeBy) {
                        lost.add(b.closed == null ? "no answer" : "closed " + b.closed);
                        break;
                    }
                }
            }
            // A socket that never subscribed (seen only on a machine loaded far beyond its cores) is left out
            // of the rounds and reported: the figures then hold fewer sockets than asked for.
            int live = browsers - lost.size();
            System.out.printf(Locale.ROOT, "%d of %d sockets subscribed (%d connected again)%s%n", live, browsers,
                    reconnects, lost.isEmpty() ? "" : "; not subscribed: " + new java.util.TreeMap<>(
                            lost.stream().collect(java.util.stream.Collectors.groupingBy(x -> x,
                                    java.util.stream.Collectors.counting()))));
            List<Round> paddock = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                String userId = Long.toString(930_000_000_000_000_000L + r);
                Round round = new Round(System.nanoTime(), live);
                ROUNDS.put(userId, round);
                discord.voiceJoin(userId, "bench" + r, FakeDiscordGateway.LOBBY_ID);
                if (!round.all.await(10, TimeUnit.SECONDS)) {
                    System.out.printf("round %d: only %d of %d sockets got it%n", r,
                            live - round.all.getCount(), live);
                }
                paddock.add(round);
                Thread.sleep(20);
            }
            report("Paddock (gateway frame → /api/ws)", paddock);
            serverSide(http, base);
            sockets.forEach(WebSocket::abort);

            report("Bare Tyrus (server write → socket)", bareTyrus(browsers, rounds, frameOfSameSize()));
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            standIns.stop(0);
        }
        System.exit(0);
    }

    static WebSocket open(HttpClient http, String base, String token, Browser browser) throws Exception {
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/api/ws"),
                browser).get(30, TimeUnit.SECONDS);
        // java.net.http allows one text send in flight per socket: a second one before the first completes
        // fails its future (IllegalStateException), so the subscribe waits for the auth to be written.
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true)
                .thenCompose(s -> s.sendText("{\"type\":\"subscribe\",\"topic\":\"guild\"}", true))
                .get(30, TimeUnit.SECONDS);
        return socket;
    }

    /**
     * Inside the server, from its own timers on /metrics: the Discord event's handling (listener to
     * broadcast queued) and the hub's fan-out (queued to the frame handed to the last socket).
     */
    static void serverSide(HttpClient http, String base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics?scope=application"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
        System.out.printf(Locale.ROOT, "Inside the server (its timers): event handling p50 %.2f ms, p99 %.2f ms; hub "
                + "fan-out p50 %.2f ms, p99 %.2f ms%n",
                quantile(metrics, "paddock_discord_events_seconds", "0.5"),
                quantile(metrics, "paddock_discord_events_seconds", "0.99"),
                quantile(metrics, "paddock_websocket_fanout_seconds", "0.5"),
                quantile(metrics, "paddock_websocket_fanout_seconds", "0.99"));
    }

    /**
     * A timer's quantile in milliseconds. Payara 6.2025.10 writes timer values in nanoseconds although the
     * names say seconds (fixed in later Payara releases); a value that large cannot be seconds here.
     */
    static double quantile(String prometheus, String metric, String q) {
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("quantile=\"" + q + "\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                return value > 1_000 ? value / 1e6 : value * 1e3;
            }
        }
        throw new IllegalStateException(metric + " has no quantile " + q + " on /metrics");
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static String frameOfSameSize() {
        return "{\"v\":1,\"type\":\"event\",\"event\":\"voice.joined\",\"payload\":{\"guildId\":\""
                + FakeDiscordGateway.GUILD_ID + "\",\"channelId\":\"" + FakeDiscordGateway.LOBBY_ID
                + "\",\"userId\":\"%s\",\"name\":\"bench0\"},\"ts\":1767225600000}";
    }

    static List<Round> bareTyrus(int browsers, int rounds, String template) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Server tyrus = new Server("127.0.0.1", port, "/bench", null, BareEndpoint.class);
        tyrus.start();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < browsers; i++) {
                sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/bench/bare"),
                        new Browser()).get(30, TimeUnit.SECONDS));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (BareEndpoint.SESSIONS.size() < browsers && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            List<Round> all = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                String userId = Long.toString(940_000_000_000_000_000L + r);
                String text = template.formatted(userId);
                Round round = new Round(System.nanoTime(), browsers);
                ROUNDS.put(userId, round);
                for (Session s : BareEndpoint.SESSIONS) {
                    s.getAsyncRemote().sendText(text);
                }
                round.all.await(10, TimeUnit.SECONDS);
                all.add(round);
                Thread.sleep(20);
            }
            return all;
        } finally {
            sockets.forEach(WebSocket::abort);
            tyrus.stop();
        }
    }

    static void report(String what, List<Round> rounds) {
        List<Long> latencies = new ArrayList<>();
        List<Long> fanOuts = new ArrayList<>();
        for (Round round : rounds) {
            latencies.addAll(round.arrivals);
            round.arrivals.stream().max(Long::compare).ifPresent(fanOuts::add);
        }
        Collections.sort(latencies);
        Collections.sort(fanOuts);
        System.out.printf(Locale.ROOT, "%s: per socket p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                + "whole fan-out (last socket) p50 %.2f ms, p99 %.2f ms; %d deliveries%n", what,
                ms(pct(latencies, 50)), ms(pct(latencies, 99)), ms(pct(latencies, 100)), ms(pct(fanOuts, 50)),
                ms(pct(fanOuts, 99)), latencies.size());
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void awaitBotReady(HttpClient http, String base) throws Exception {
        // A Payara boot takes minutes on a busy 2-core machine (the run then measures the host, but it runs).
        long end = System.nanoTime() + Duration.ofMinutes(12).toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
                    if (check.path("name").asText().equals("discord-bot")
                            && check.path("data").path("state").asText().equals("ready")) {
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Paddock or its bot did not get ready (target/bench-discord-server.log)");
    }

    static String login(HttpClient http, String base) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(reply.body()).path("access_token").asText();
        if (token.isEmpty()) {
            throw new IllegalStateException("login failed: " + reply.statusCode() + " " + reply.body());
        }
        return token;
    }
}
