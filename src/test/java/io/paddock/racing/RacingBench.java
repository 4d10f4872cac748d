package io.paddock.racing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The racing load benchmark (bench/racing.sh): R rooms × M mods at 1 Hz × S spectators on loopback.
 * Mods are {@link ModClient}s; each status_update carries its send time in {@code current_zone}, so a
 * spectator measures mod-send → spectator-receive latency from the player_update it gets. The same
 * run also drives a bare Tyrus 2.1.5 server (no database, no coalescing, a broadcast loop of
 * {@code getAsyncRemote().sendText}) with frames of the same size, as the baseline.
 *
 * <p>Usage: {@code RacingBench <paddock-base-url> <jdbc-url> <rooms> <mods> <spectators> <seconds> [batch]}
 * ({@code batch}: Paddock spectators ask for one {@code player_updates} frame per tick).
 */
public final class RacingBench {

    private RacingBench() {
    }

    /** Counts player_update deliveries during the measured window and records their latency. */
    static final class Meter {
        final long[] samples = new long[20_000_000];
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong delivered = new AtomicLong();
        final AtomicInteger frame = new AtomicInteger();
        volatile boolean measuring;
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;

        /** Counts a delivery only when its message was sent inside the measured window. */
        void record(long sentNanos, long now) {
            if (sentNanos < windowStart || sentNanos > windowEnd) {
                return;
            }
            delivered.incrementAndGet();
            int i = next.getAndIncrement();
            if (i < samples.length) {
                samples[i] = now - sentNanos;
            }
        }

        long percentileMs(double p) {
            int n = Math.min(next.get(), samples.length);
            if (n == 0) {
                return -1;
            }
            long[] copy = Arrays.copyOf(samples, n);
            Arrays.sort(copy);
            return copy[(int) Math.min(n - 1, Math.floor(p * n))] / 1_000_000;
        }
    }

    /** A spectator that only looks for the send time inside player_update frames (no JSON parse). */
    static final class Spectator implements WebSocket.Listener {
        private static final String MARK = "\"current_zone\":\"t";
        final Meter meter;
        final StringBuilder partial = new StringBuilder();

        Spectator(Meter meter) {
            this.meter = meter;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"player_update")) {
                    int count = 0;
                    for (int at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, at + 1)) {
                        int start = at + MARK.length();
                        int end = text.indexOf('"', start);
                        meter.record(Long.parseLong(text.substring(start, end)), now);
                        count++;
                    }
                    if (count == 1) {
                        meter.frame.set(text.length());
                    }
                }
            }
            return null;
        }
    }

    // --- the bare Tyrus baseline ------------------------------------------------------------------

    static final Map<String, Set<Session>> BARE_ROOMS = new ConcurrentHashMap<>();
    static String padding = "";

    @ServerEndpoint("/bare/race/{room}")
    public static class BareSpectator {
        @OnOpen
        public void open(Session session, @PathParam("room") String room) {
            BARE_ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    @ServerEndpoint("/bare/mod/{room}")
    public static class BareMod {
        @OnMessage
        public void message(String text, @PathParam("room") String room) {
            int at = text.indexOf("\"current_zone\":\"t");
            if (at < 0) {
                return;
            }
            String zone = text.substring(at, text.indexOf('"', at + 17) + 1);
            String frame = "{\"type\":\"player_update\",\"player\":{" + zone + "," + padding + "}}";
            for (Session s : BARE_ROOMS.getOrDefault(room, Set.of())) {
                try {
                    s.getAsyncRemote().sendText(frame);
                } catch (IllegalStateException closed) {
                    BARE_ROOMS.get(room).remove(s);
                }
            }
        }
    }

    // --- driver ----------------------------------------------------------------------------------

    record Result(String target, long sent, long delivered, double seconds, long p50, long p99, long max) {
        @Override
        public String toString() {
            return String.format("%-8s sent %7d  delivered %9d (%.1f%% of expected)  %9.0f deliveries/s  p50 %5d ms  p99 %5d ms  max %5d ms",
                    target, sent, delivered, 100.0 * delivered / Math.max(1, sent * SPECTATORS_PER_ROOM), delivered / seconds,
                    p50, p99, max);
        }
    }

    static int SPECTATORS_PER_ROOM;

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        String jdbc = args[1];
        int rooms = Integer.parseInt(args[2]);
        int mods = Integer.parseInt(args[3]);
        int spectators = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        boolean batch = args.length > 6 && args[6].equals("batch");
        SPECTATORS_PER_ROOM = spectators;
        System.out.printf("Scenario: %d room(s) × %d mods at 1 Hz × %d spectators, %d s measured%s%n", rooms, mods,
                spectators, seconds, batch ? ", Paddock spectators batched (?batch=1)" : "");

        // Paddock: races and participants straight in the database (the production WAR has no test API).
        List<String> raceIds = new ArrayList<>();
        Map<String, List<String>> tokens = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            UUID organizer = UUID.randomUUID();
            exec(c, "INSERT INTO users (id, display_name, created_at) VALUES (?, 'Bench organizer', now())", organizer);
            for (int r = 0; r < rooms; r++) {
                UUID seed = UUID.randomUUID();
                UUID race = UUID.randomUUID();
                exec(c, "INSERT INTO seeds (id, seed_number, pool_name, graph_json, total_layers, location, status, created_at)"
                        + " VALUES (?, " + Math.abs(seed.getMostSignificantBits() % 1_000_000_000L)
                        + ", 'bench', '{\"total_layers\": 10}', 10, 'bench/available/x', 'CONSUMED', now())", seed);
                exec(c, "INSERT INTO races (id, name, organizer_id, seed_id, pool_name, status, started_at, created_at)"
                        + " VALUES (?, 'Bench " + r + "', '" + organizer + "', '" + seed + "', 'bench', 'RUNNING', now(), now())",
                        race);
                List<String> raceTokens = new ArrayList<>();
                for (int m = 0; m < mods; m++) {
                    UUID user = UUID.randomUUID();
                    exec(c, "INSERT INTO users (id, display_name, created_at) VALUES (?, 'Racer', now())", user);
                    String token = UUID.randomUUID().toString().replace("-", "");
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO participants (id, race_id, user_id, "
                            + "twitch_username, twitch_display_name, legacy_token_hash, status, color_index, created_at, last_progress_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, 'READY', ?, now(), now())")) {
                        s.setObject(1, UUID.randomUUID());
                        s.setObject(2, race);
                        s.setObject(3, user);
                        s.setString(4, "racer_" + r + "_" + m);
                        s.setString(5, "Racer " + r + "/" + m);
                        // Only a token's hash is stored (V7); rows made behind the server's back use the lookup column it needs no key for.
                        s.setString(6, io.paddock.identity.control.Secrets.sha256Hex(token));
                        s.setInt(7, m);
                        s.executeUpdate();
                    }
                    raceTokens.add(token);
                }
                raceIds.add(race.toString());
                tokens.put(race.toString(), raceTokens);
            }
        }
        Result paddock = run("paddock", raceIds, r -> URI.create(base.replaceFirst("^http", "ws") + "/ws/race/" + r + (batch ? "?batch=1" : "")),
                r -> URI.create(base.replaceFirst("^http", "ws") + "/ws/mod/" + r), tokens, spectators, seconds);
        System.out.println(paddock);

        // The bare Tyrus baseline, frames padded to the size Paddock sent.
        padding = "\"pad\":\"" + "x".repeat(Math.max(0, PADDOCK_FRAME.get() - 60)) + "\"";
        org.glassfish.tyrus.server.Server bare = new org.glassfish.tyrus.server.Server("127.0.0.1", 0, "/", null,
                Set.of(BareSpectator.class, BareMod.class));
        bare.start();
        try {
            int port = bare.getPort();
            List<String> bareRooms = new ArrayList<>();
            Map<String, List<String>> bareTokens = new HashMap<>();
            for (int r = 0; r < rooms; r++) {
                bareRooms.add("room" + r);
                bareTokens.put("room" + r, java.util.Collections.nCopies(mods, ""));
            }
            Result baseline = run("tyrus", bareRooms, r -> URI.create("ws://127.0.0.1:" + port + "/bare/race/" + r),
                    r -> URI.create("ws://127.0.0.1:" + port + "/bare/mod/" + r), bareTokens, spectators, seconds);
            System.out.println(baseline);
            System.out.printf("ratio paddock/tyrus delivery rate: %.2f%n", (paddock.delivered() / paddock.seconds())
                    / Math.max(1, baseline.delivered() / baseline.seconds()));
        } finally {
            bare.stop();
        }
        System.exit(0);
    }

    static final AtomicInteger PADDOCK_FRAME = new AtomicInteger(400);

    static Result run(String target, List<String> rooms, java.util.function.Function<String, URI> spectatorUri,
            java.util.function.Function<String, URI> modUri, Map<String, List<String>> tokens, int spectators,
            int seconds) throws Exception {
        Meter meter = new Meter();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build());
        }
        List<WebSocket> open = new CopyOnWriteArrayList<>();
        int n = 0;
        for (String room : rooms) {
            List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
            for (int s = 0; s < spectators; s++) {
                pending.add(clients.get(n++ % clients.size()).newWebSocketBuilder()
                        .buildAsync(spectatorUri.apply(room), new Spectator(meter)));
                if (pending.size() >= 100) {
                    for (CompletableFuture<WebSocket> f : pending) {
                        open.add(f.get(30, TimeUnit.SECONDS));
                    }
                    pending.clear();
                }
            }
            for (CompletableFuture<WebSocket> f : pending) {
                open.add(f.get(30, TimeUnit.SECONDS));
            }
        }
        List<ModClient> modClients = new ArrayList<>();
        Map<ModClient, String> modRoom = new HashMap<>();
        for (String room : rooms) {
            for (String token : tokens.get(room)) {
                ModClient mod = ModClient.connect(clients.get(n++ % clients.size()), modUri.apply(room));
                if (target.equals("paddock")) {
                    mod.auth(token);
                }
                modClients.add(mod);
                modRoom.put(mod, room);
            }
        }
        System.out.printf("%s: %d spectators and %d mods connected%n", target, open.size(), modClients.size());
        AtomicLong sent = new AtomicLong();
        AtomicLong igt = new AtomicLong(1_000);
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
        long warmup = 5;
        for (int i = 0; i < modClients.size(); i++) {
            ModClient mod = modClients.get(i);
            long offset = (1000L * i) / modClients.size();
            senders.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                String msg = "{\"type\":\"status_update\",\"igt_ms\":" + igt.addAndGet(1) + ",\"current_zone\":\"t" + now
                        + "\",\"current_layer\":1,\"death_count\":0}";
                try {
                    mod.send(msg);
                    if (now >= meter.windowStart && now <= meter.windowEnd) {
                        sent.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    // a failed send shows up as missing deliveries
                }
            }, offset, 1000, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(warmup * 1000);
        meter.measuring = true;
        meter.windowStart = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        meter.windowEnd = System.nanoTime();
        meter.measuring = false;
        Thread.sleep(5000); // let the window's last sends arrive (later sends are not counted)
        senders.shutdownNow();
        if (target.equals("paddock") && meter.frame.get() > 0) {
            PADDOCK_FRAME.set(meter.frame.get());
        }
        System.out.printf("%s: player_update frame %d bytes%n", target, meter.frame.get());
        for (ModClient mod : modClients) {
            mod.close();
        }
        for (WebSocket ws : open) {
            ws.abort();
        }
        return new Result(target, sent.get(), meter.delivered.get(), seconds, meter.percentileMs(0.5),
                meter.percentileMs(0.99), meter.percentileMs(1.0));
    }

    private static void exec(Connection c, String sql, UUID id) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
