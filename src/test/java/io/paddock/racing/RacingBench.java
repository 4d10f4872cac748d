package io.paddock.racing;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The racing load benchmark (bench/racing.sh): R rooms × M mods at 1 Hz × S spectators on loopback.
 * Mods are {@link ModClient}s in this JVM; each status_update carries its send time in
 * {@code current_zone}, so a spectator measures mod-send → spectator-receive latency from every player
 * update it gets, however framed. Spectators are Node processes (bench/racing/spectators.mjs, the
 * {@code ws} package). The same run also drives a bare Tyrus 2.1.5 server hosted in this JVM (no
 * database, no coalescing, a broadcast loop of {@code getAsyncRemote().sendText} per mod message) with
 * frames of the same bytes per update, as the baseline.
 *
 * <p>Usage: {@code RacingBench <paddock-base-url> <jdbc-url> <rooms> <mods> <spectators> <seconds> [query]}
 * ({@code query}, e.g. {@code frames=player_update}, is appended to Paddock's spectator URL);
 * {@code BENCH_NODE_PROCS} (1) spreads the spectators over that many Node processes;
 * {@code BENCH_SPECTATORS_AT} (a base URL) connects the spectators to another node of a cluster.
 */
public final class RacingBench {

    private RacingBench() {
    }

    /** The measured window (System.nanoTime, the same clock as Node's process.hrtime on Linux). */
    static final class Meter {
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;
    }

    /**
     * Spectators are Node processes running bench/racing/spectators.mjs (ws package): the JDK client
     * costs 2–3× the server's CPU on the same cores and would distort both targets.
     */
    static final class Spectators implements AutoCloseable {
        final List<Process> processes = new ArrayList<>();
        final List<java.io.BufferedReader> outputs = new ArrayList<>();

        /** Opens {@code perRoom} spectators on every room's URI, spread over {@code procs} processes. */
        static Spectators open(List<URI> rooms, int perRoom, int procs) throws Exception {
            Spectators s = new Spectators();
            String script = System.getProperty("bench.spectators", "bench/racing/spectators.mjs");
            for (int p = 0; p < procs; p++) {
                List<String> cmd = new ArrayList<>(List.of("node", script));
                for (URI room : rooms) {
                    int count = perRoom / procs + (p < perRoom % procs ? 1 : 0);
                    cmd.add(Integer.toString(count));
                    cmd.add(room.toString());
                }
                Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                s.processes.add(process);
                s.outputs.add(new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8)));
            }
            int connected = 0;
            for (java.io.BufferedReader out : s.outputs) {
                String line = out.readLine();
                if (line == null || !line.startsWith("connected ")) {
                    s.close();
                    throw new IllegalStateException("spectators did not connect: " + line);
                }
                connected += Integer.parseInt(line.substring("connected ".length()));
            }
            System.out.printf("%d spectators connected (%d Node process(es))%n", connected, procs);
            return s;
        }

        /** Marks the start or the end of the measured window (for the CPU figure). */
        void mark(String what) throws java.io.IOException {
            for (Process p : processes) {
                p.getOutputStream().write((what + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                p.getOutputStream().flush();
            }
        }

        /** Asks every process for the updates sent inside the window and merges their histograms. */
        Report report(long from, long to) throws Exception {
            long delivered = 0;
            long frames = 0;
            long bytesTimesUpdates = 0;
            long closed = 0;
            long cpuMs = 0;
            java.util.TreeMap<Long, Long> histogram = new java.util.TreeMap<>();
            for (Process p : processes) {
                p.getOutputStream().write(("report " + from + " " + to + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                p.getOutputStream().flush();
            }
            for (java.io.BufferedReader out : outputs) {
                for (String line = out.readLine(); line != null && !line.equals("end"); line = out.readLine()) {
                    String[] f = line.split(" ");
                    if (f[0].equals("updates")) {
                        long n = Long.parseLong(f[1]);
                        delivered += n;
                        bytesTimesUpdates += n * Long.parseLong(f[2]);
                        frames += Long.parseLong(f[3]);
                        closed += Long.parseLong(f[4]);
                        cpuMs += Long.parseLong(f[5]);
                    } else if (f[0].equals("h")) {
                        histogram.merge(Long.parseLong(f[1]), Long.parseLong(f[2]), Long::sum);
                    }
                }
            }
            return new Report(delivered, delivered == 0 ? 0 : (int) (bytesTimesUpdates / delivered), frames, closed,
                    cpuMs, histogram);
        }

        @Override
        public void close() {
            for (Process p : processes) {
                p.destroy();
            }
        }
    }

    /** What the spectators saw: latency histogram in 0.1 ms buckets. */
    record Report(long delivered, int bytesPerUpdate, long frames, long closed, long spectatorCpuMs,
            java.util.TreeMap<Long, Long> histogram) {
        double percentileMs(double p) {
            long total = histogram.values().stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                return -1;
            }
            long rank = (long) Math.min(total - 1, Math.floor(p * total));
            long seen = 0;
            for (var e : histogram.entrySet()) {
                seen += e.getValue();
                if (seen > rank) {
                    return e.getKey() / 10.0;
                }
            }
            return histogram.lastKey() / 10.0;
        }
    }

    // --- the bare Tyrus baseline ------------------------------------------------------------------

    static final Map<String, Set<Session>> BARE_ROOMS = new ConcurrentHashMap<>();
    static String padding = "";
    /** A frame each bare spectator gets as it arrives, as Paddock's race_state (none here; BareSpectators sets one). */
    static volatile String greeting;

    @ServerEndpoint("/bare/race/{room}")
    public static class BareSpectator {
        @OnOpen
        public void open(Session session, @PathParam("room") String room) {
            BARE_ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
            String first = greeting;
            if (first != null) {
                session.getAsyncRemote().sendText(first);
            }
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

    /**
     * One target's figures; CPU seconds are over the measured window: the server's (Paddock only, from
     * /proc, pid in BENCH_SERVER_PID), this JVM's (mods, and the bare Tyrus server) and the Node spectators'.
     */
    record Result(String target, long sent, Report report, double seconds, int spectatorsPerRoom, double serverCpu,
            double clientCpu) {
        double rate() {
            return report.delivered() / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-8s sent %7d  delivered %9d (%.1f%% of expected)  %9.0f deliveries/s  p50 %7.1f ms"
                    + "  p99 %7.1f ms  max %7.1f ms  (%d frames in window, %d B per update, %d spectators closed;"
                    + " CPU s in window: server %.1f, bench JVM %.1f, Node %.1f)",
                    target, sent, report.delivered(), 100.0 * report.delivered() / Math.max(1, sent * spectatorsPerRoom),
                    rate(), report.percentileMs(0.5), report.percentileMs(0.99), report.percentileMs(1.0),
                    report.frames(), report.bytesPerUpdate(), report.closed(), serverCpu, clientCpu,
                    report.spectatorCpuMs() / 1000.0) + perCpuSecond();
        }

        /**
         * Deliveries per CPU-second of the process that served them: the Paddock server's, or for bare
         * Tyrus the bench JVM's (which also runs the mod clients, so that figure is a little low).
         */
        String perCpuSecond() {
            double cpu = serverCpu > 0 ? serverCpu : clientCpu;
            return cpu <= 0 ? "" : String.format("%n%-8s %.0f deliveries per %s CPU-second", target,
                    report.delivered() / cpu, serverCpu > 0 ? "server" : "bench JVM (Tyrus server and mods)");
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        String jdbc = args[1];
        int rooms = Integer.parseInt(args[2]);
        int mods = Integer.parseInt(args[3]);
        int spectators = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String query = args.length > 6 && !args[6].isBlank() ? "?" + args[6] : "";
        int procs = Integer.parseInt(System.getenv().getOrDefault("BENCH_NODE_PROCS", "1"));
        System.out.printf("Scenario: %d room(s) × %d mods at 1 Hz × %d spectators, %d s measured%s%n", rooms, mods,
                spectators, seconds, query.isEmpty() ? "" : ", Paddock spectators on " + query);

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
                        s.setString(6, io.paddock.platform.security.Digests.tokenHash(token));
                        s.setInt(7, m);
                        s.executeUpdate();
                    }
                    raceTokens.add(token);
                }
                raceIds.add(race.toString());
                tokens.put(race.toString(), raceTokens);
            }
        }
        String ws = base.replaceFirst("^http", "ws");
        // BENCH_SPECTATORS_AT: another node of the cluster, where the spectators connect (mods stay on base).
        String watchWs = System.getenv().getOrDefault("BENCH_SPECTATORS_AT", base).replaceAll("/+$", "")
                .replaceFirst("^http", "ws");
        Result paddock = run("paddock", raceIds, r -> URI.create(watchWs + "/ws/race/" + r + query),
                r -> URI.create(ws + "/ws/mod/" + r), tokens, spectators, seconds, procs);
        System.out.println(paddock);

        // The bare Tyrus baseline: one frame per mod message, padded to the bytes per update Paddock sent.
        int size = paddock.report().bytesPerUpdate() > 0 ? paddock.report().bytesPerUpdate() : 400;
        padding = "\"pad\":\"" + "x".repeat(Math.max(0, size - 75)) + "\"";
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
                    r -> URI.create("ws://127.0.0.1:" + port + "/bare/mod/" + r), bareTokens, spectators, seconds, procs);
            System.out.println(baseline);
            System.out.printf("ratio paddock/tyrus delivery rate: %.2f%n", paddock.rate() / Math.max(1, baseline.rate()));
        } finally {
            bare.stop();
        }
        System.exit(0);
    }

    static Result run(String target, List<String> rooms, java.util.function.Function<String, URI> spectatorUri,
            java.util.function.Function<String, URI> modUri, Map<String, List<String>> tokens, int spectators,
            int seconds, int procs) throws Exception {
        Meter meter = new Meter();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clients.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build());
        }
        try (Spectators watchers = Spectators.open(rooms.stream().map(spectatorUri).toList(), spectators, procs)) {
            List<ModClient> modClients = new ArrayList<>();
            int n = 0;
            for (String room : rooms) {
                for (String token : tokens.get(room)) {
                    ModClient mod = ModClient.connect(clients.get(n++ % clients.size()), modUri.apply(room));
                    if (target.equals("paddock")) {
                        mod.auth(token);
                    }
                    modClients.add(mod);
                }
            }
            System.out.printf("%s: %d mods connected%n", target, modClients.size());
            AtomicLong sent = new AtomicLong();
            AtomicLong igt = new AtomicLong(1_000);
            ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
            // Seconds of load before the window opens (BENCH_WARMUP): a fresh server's JIT compiles for
            // the first tens of seconds of load, and a window that opens earlier measures that too.
            long warmup = Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP", "5"));
            for (int i = 0; i < modClients.size(); i++) {
                ModClient mod = modClients.get(i);
                long offset = (1000L * i) / modClients.size();
                senders.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    String msg = "{\"type\":\"status_update\",\"igt_ms\":" + igt.addAndGet(1) + ",\"current_zone\":\"t"
                            + now + "\",\"current_layer\":1,\"death_count\":0}";
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
            String serverPid = target.equals("paddock") ? System.getenv("BENCH_SERVER_PID") : null;
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            meter.windowStart = System.nanoTime();
            watchers.mark("start");
            double server0 = cpuSeconds(serverPid);
            long client0 = os.getProcessCpuTime();
            Thread.sleep(seconds * 1000L);
            meter.windowEnd = System.nanoTime();
            watchers.mark("stop");
            double serverCpu = cpuSeconds(serverPid) - server0;
            double clientCpu = (os.getProcessCpuTime() - client0) / 1e9;
            Thread.sleep(5000); // let the window's last sends arrive (later sends are not counted)
            senders.shutdownNow();
            Report report = watchers.report(meter.windowStart, meter.windowEnd);
            System.out.printf("%s: %d B per player update%n", target, report.bytesPerUpdate());
            for (ModClient mod : modClients) {
                mod.close();
            }
            return new Result(target, sent.get(), report, seconds, spectators, serverCpu, clientCpu);
        }
    }

    /** CPU seconds (user + system) a process has used so far, from /proc; 0 without a pid. */
    static double cpuSeconds(String pid) {
        if (pid == null || pid.isBlank()) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.trim(), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void exec(Connection c, String sql, UUID id) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
