import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load client for the heartbeat path: N simulated plugins, each sending one signed full-telemetry
 * heartbeat every N/rate seconds (5 s at the design rate), open loop at a target rate over a fixed
 * number of keep-alive connections. It seeds the N installations straight into the database (secrets
 * sealed with the server's paddock.telemetry.secret-key), so no sign-in is needed.
 * <p>
 * It shares the server's cores, so it is built to be cheap (an HMAC key and request head per plugin made
 * once, byte-level response parsing, no BigDecimal), and it never bursts: a heartbeat more than 1 s
 * overdue is dropped and counted, not sent late (sending the backlog faster than the rate would trip the
 * server's 3 s rate limit and overstate what the server was offered).
 *
 * <p>
 * The warm-up lasts at least WARMUP_SECONDS and until every installation has had a 200 answer, so the
 * measured window never pays an installation's first (cold) heartbeat. After the window, the same rows
 * (signature, session update, snapshot, a last-seen mark every 12th heartbeat) are written by plain JDBC
 * batches from this JVM for BASELINE seconds (env, default 15; BASELINE_BATCH heartbeats per transaction,
 * default 1000 like the server's largest batch): the database's own limit on this host in the same run,
 * against which the server's rate is reported as a ratio.
 *
 * java -cp postgresql.jar bench/telemetry/HeartbeatLoad.java BASE_URL JDBC_URL SECRET_KEY_B64 RATE SECONDS
 *     [CONNECTIONS=64] [WARMUP_SECONDS=30] [SERVER_PID]
 * N = RATE * 5 installations. Prints accepted heartbeats per second, refusals by status, drops, latency
 * percentiles, and the CPU over the measured window of the server (given its pid), of PostgreSQL and of
 * this client, then the JDBC baseline and the ratio.
 */
public class HeartbeatLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        byte[] key = Base64.getDecoder().decode(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int inFlight = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        // Warm-up and measured window run back to back on the same connections, so the sessions the
        // warm-up started simply go on; only heartbeats due inside the window are counted.
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        String serverPid = args.length > 7 ? args[7] : null;
        int installations = rate * 5;
        seed(jdbc, key, installations);

        // One keep-alive HTTP/1.1 connection per worker, raw sockets: the JDK HttpClient cost the server's
        // share of the 2 cores several times over when measured here, which is what a separate load machine avoids.
        URI uri = URI.create(base);
        LongAdder ok = new LongAdder();
        LongAdder accepted = new LongAdder();
        ConcurrentHashMap<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        LongAdder late = new LongAdder();
        LongAdder dropped = new LongAdder();
        LongAdder warmupOk = new LongAdder();
        LongAdder warmupRefused = new LongAdder();
        LongAdder warmupDropped = new LongAdder();
        Plugin[] plugins = new Plugin[installations];
        for (int i = 0; i < installations; i++) {
            plugins[i] = new Plugin(uri, i);
        }
        long[] latencies = new long[rate * seconds * 2 + 1000];
        AtomicLong latencyCount = new AtomicLong();
        AtomicLong tickets = new AtomicLong();
        long begin = System.nanoTime() + 200_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        // Installations that had a 200 answer in the warm-up: the window opens only once that is all of them.
        AtomicIntegerArray touched = new AtomicIntegerArray(installations);
        LongAdder touchedCount = new LongAdder();
        Thread[] workers = new Thread[inFlight];
        for (int w = 0; w < inFlight; w++) {
            workers[w] = new Thread(() -> {
                Socket socket = null;
                try {
                    OutputStream out = null;
                    InputStream in = null;
                    byte[] buffer = new byte[8192];
                    int[] window = new int[2]; // start and end of unread bytes in buffer
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    while (true) {
                        long n = tickets.getAndIncrement();
                        long due = begin + n * intervalNanos;
                        // Read before end: the window is opened (start, then end) at least 1 s ahead of time,
                        // further ahead than any worker takes its tickets.
                        boolean measured = due >= windowStart;
                        if (due >= windowEnd) {
                            return;
                        }
                        int i = (int) (n % installations);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        } else if (wait < -MAX_LATE_NANOS && (measured || touched.get(i) == 1)) {
                            // In the warm-up an installation not answered yet is sent late rather than
                            // dropped: a client that stays ~1 s behind drops the same installations every
                            // round, so the warm-up would never reach them.
                            // Open loop without bursts: a heartbeat a whole second overdue is dropped (the
                            // plugin would be sending its next one soon), so a client that fell behind never
                            // catches up by sending faster than the rate (which also trips the rate limit).
                            (measured ? dropped : warmupDropped).increment();
                            continue;
                        } else if (wait < -100_000_000L && measured) {
                            late.increment();
                        }
                        int r = (int) (n / installations);
                        byte[] request = heartbeat(plugins[i], sha, i, r);
                        long t0 = System.nanoTime();
                        if (socket == null) {
                            // Payara ends a keep-alive connection after a number of requests; open a new one.
                            socket = new Socket(uri.getHost(), uri.getPort());
                            socket.setTcpNoDelay(true);
                            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
                            in = socket.getInputStream();
                            window[0] = 0;
                            window[1] = 0;
                        }
                        out.write(request);
                        out.flush();
                        boolean[] close = new boolean[1];
                        int status = readResponse(in, buffer, window, measured ? accepted : null, close);
                        if (close[0]) {
                            socket.close();
                            socket = null;
                        }
                        if (!measured) {
                            (status == 200 ? warmupOk : warmupRefused).increment();
                            if (status == 200 && touched.compareAndSet(i, 0, 1)) {
                                touchedCount.increment();
                            }
                            continue;
                        }
                        long idx = latencyCount.getAndIncrement();
                        if (idx < latencies.length) {
                            latencies[(int) idx] = System.nanoTime() - t0;
                        }
                        if (status == 200) {
                            ok.increment();
                        } else {
                            refused.computeIfAbsent(status, k -> new LongAdder()).increment();
                        }
                    }
                } catch (Exception e) {
                    errors.increment();
                    System.err.println("worker failed: " + e);
                } finally {
                    try {
                        if (socket != null) {
                            socket.close();
                        }
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            });
            workers[w].start();
        }
        // The window opens after WARMUP seconds once every installation has had a 200 answer (its live session
        // loaded, its secret cached); given up after WARMUP + 120 s, which the output then says.
        java.util.concurrent.locks.LockSupport.parkNanos(begin + warmup * 1_000_000_000L - System.nanoTime());
        long giveUp = begin + (warmup + 120) * 1_000_000_000L;
        while (touchedCount.sum() < installations && System.nanoTime() < giveUp) {
            Thread.sleep(100);
        }
        // ... and once the server's JIT compiler has settled: under 10 % of a core over the last 5 s (a window
        // that opens while C2 still compiles the request path measures the compiler, up to half the server's
        // CPU on 2 cores); given up after WARMUP + 300 s, which the output then says.
        double jitShare = jitShare(serverPid, 5);
        long jitGiveUp = begin + (warmup + 300) * 1_000_000_000L;
        while (jitShare >= 0.10 && System.nanoTime() < jitGiveUp) {
            jitShare = jitShare(serverPid, 5);
        }
        long start = System.nanoTime() + 1_000_000_000L;
        long reachedAtOpen = touchedCount.sum();
        windowStart = start;
        windowEnd = start + seconds * 1_000_000_000L;
        java.util.concurrent.locks.LockSupport.parkNanos(start - System.nanoTime());
        long cpuAtStart = cpuTicks(serverPid);
        Map<String, Long> threadsAtStart = threadTicks(serverPid);
        long clientAtStart = cpuTicks(Long.toString(ProcessHandle.current().pid()));
        long postgresAtStart = postgresTicks();
        long commitsAtStart = commits(jdbc);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = cpuTicks(serverPid) - cpuAtStart;
        Map<String, Long> threadsAtEnd = threadTicks(serverPid);
        long clientCpu = cpuTicks(Long.toString(ProcessHandle.current().pid())) - clientAtStart;
        long postgresCpu = postgresTicks() - postgresAtStart;
        Thread.sleep(1_000); // PostgreSQL publishes its transaction counts about once a second
        long serverCommits = commits(jdbc) - commitsAtStart;
        long sent = latencyCount.get();
        int count = (int) Math.min(sent, latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("target %d/s for %d s after a %d s warm-up, %d installations, %d connections%n", rate,
                seconds, warmup, installations, inFlight);
        if (serverPid != null) {
            System.out.printf("server CPU over the window: %.0f %% of one core, %.3f ms per 200 OK%n",
                    cpu / 100.0 / elapsed * 100, ok.sum() == 0 ? 0 : cpu * 10.0 / ok.sum());
        }
        if (serverPid != null) {
            StringBuilder split = new StringBuilder("server CPU over the window by thread kind (% of one core):");
            threadsAtEnd.forEach((kind, ticks) -> split.append(String.format(" %s %.0f;", kind,
                    (ticks - threadsAtStart.getOrDefault(kind, 0L)) / 100.0 / elapsed * 100)));
            System.out.println(split);
        }
        System.out.printf("PostgreSQL CPU over the window (all its processes): %.0f %% of one core%n",
                postgresCpu / 100.0 / elapsed * 100);
        System.out.printf("warm-up: %.1f s, every installation's first heartbeat answered before the window: %s "
                + "(%d of %d)%n", (start - begin) / 1e9, reachedAtOpen == installations ? "yes" : "NO",
                reachedAtOpen, installations);
        System.out.printf("warm-up: JIT compiler settled (under 10 %% of a core over 5 s) before the window: %s "
                + "(%.0f %%)%n", jitShare < 0.10 ? "yes" : "NO", jitShare * 100);
        System.out.printf("warm-up: 200 OK %d, refused %d, dropped (over 1 s overdue, not sent) %d%n",
                warmupOk.sum(), warmupRefused.sum(), warmupDropped.sum());
        System.out.printf("load client CPU over the window: %.0f %% of one core, %.3f ms per request%n",
                clientCpu / 100.0 / elapsed * 100, sent == 0 ? 0 : clientCpu * 10.0 / sent);
        System.out.printf("sent %d in %.1f s: 200 OK %d (%.0f/s), accepted %d (%.0f/s), refused %s, errors %d, "
                + "sent over 100 ms late %d, dropped (over 1 s overdue, not sent) %d%n", sent, elapsed, ok.sum(),
                ok.sum() / elapsed, accepted.sum(), accepted.sum() / elapsed, refused, errors.sum(), late.sum(),
                dropped.sum());
        if (count > 0) {
            System.out.printf("latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n", sorted[count / 2] / 1e6,
                    sorted[(int) (count * 0.9)] / 1e6, sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6);
        }
        System.out.printf("server transactions over the window: %d (%.1f heartbeats per commit)%n", serverCommits,
                serverCommits <= 0 ? 0.0 : ok.sum() / (double) serverCommits);
        // Counted before the baseline, which writes the same columns.
        System.out.println("heartbeats validated and stored (all phases): " + storedHeartbeats(jdbc));

        int baselineSeconds = Integer.parseInt(System.getenv().getOrDefault("BASELINE", "15"));
        int baselineBatch = Integer.parseInt(System.getenv().getOrDefault("BASELINE_BATCH", "1000"));
        if (baselineSeconds > 0) {
            double serverRate = ok.sum() / elapsed;
            double limit = baseline(jdbc, baselineSeconds, baselineBatch);
            System.out.printf("RESULT %.0f heartbeats/s stored by the server = %.2f x the JDBC baseline (%.0f/s) "
                    + "of the same run; server %.3f ms CPU per heartbeat; p99 %.1f ms%n", serverRate,
                    limit == 0 ? 0.0 : serverRate / limit, limit, ok.sum() == 0 ? 0 : cpu * 10.0 / ok.sum(),
                    count == 0 ? 0.0 : sorted[(int) (count * 0.99)] / 1e6);
        }
        System.exit(0);
    }

    // The measured window; opened by main once the warm-up has reached every installation.
    private static volatile long windowStart = Long.MAX_VALUE;
    private static volatile long windowEnd = Long.MAX_VALUE;

    /** Committed transactions of the bench database so far (PostgreSQL's statistics, about 1 s behind). */
    static long commits(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long storedHeartbeats(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(heartbeats), 0) FROM telemetry_sessions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The database's own limit for the heartbeat's rows: one connection (like the server's writer thread),
     * closed loop, {@code batch} heartbeats per transaction, the statements the server's writer uses
     * (signature insert, absolute session update, snapshot insert, a last-seen mark every 12th heartbeat:
     * the server marks an installation once a minute), against the sessions the server created. Returns
     * heartbeats per second.
     */
    static double baseline(String jdbc, int seconds, int batch) throws Exception {
        String url = jdbc + (jdbc.contains("?") ? "&" : "?") + "stringtype=unspecified"; // as the server's pool
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            List<UUID[]> sessions = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, installation_id FROM telemetry_sessions WHERE NOT ended_stale")) {
                while (rs.next()) {
                    sessions.add(new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)});
                }
            }
            if (sessions.isEmpty()) {
                System.out.println("JDBC baseline: no sessions to write to");
                return 0;
            }
            c.setAutoCommit(false);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] signature = new byte[32];
            long cpuBefore = cpuTicks(Long.toString(ProcessHandle.current().pid()));
            long postgresBefore = postgresTicks();
            long t0 = System.nanoTime();
            long deadline = t0 + seconds * 1_000_000_000L;
            long written = 0;
            int cursor = 0;
            try (PreparedStatement signatures = c.prepareStatement("INSERT INTO plugin_request_signatures "
                    + "(signature, installation_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
                    PreparedStatement update = c.prepareStatement("UPDATE telemetry_sessions SET last_heartbeat_at = ?, "
                    + "last_accepted_at = ?, last_speed = ?, last_rpm = ?, last_gear = ?, last_position = ?, "
                    + "last_session_time = ?, heartbeats = ?, static_heartbeats = ? WHERE id = ?");
                    PreparedStatement snapshots = c.prepareStatement("INSERT INTO telemetry_heartbeats (id, "
                    + "session_id, received_at, client_timestamp, speed, rpm, gear, lap_time, position, session_time, "
                    + "static_telemetry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement mark = c.prepareStatement(
                    "UPDATE plugin_installations SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")) {
                while (System.nanoTime() < deadline) {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    for (int k = 0; k < batch; k++) {
                        UUID[] session = sessions.get(cursor++ % sessions.size());
                        random.nextBytes(signature);
                        signatures.setString(1, HexFormat.of().formatHex(signature));
                        signatures.setObject(2, session[1]);
                        signatures.setObject(3, now);
                        signatures.addBatch();
                        int r = (int) (written + k) / sessions.size();
                        update.setObject(1, now);
                        update.setObject(2, now);
                        update.setDouble(3, 120.5 + r % 90);
                        update.setDouble(4, 5000 + r % 3000);
                        update.setInt(5, 3 + r % 3);
                        update.setInt(6, 1 + cursor % 20);
                        update.setDouble(7, r * 5.0);
                        update.setInt(8, r + 1);
                        update.setInt(9, 0);
                        update.setObject(10, session[0]);
                        update.addBatch();
                        snapshots.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                        snapshots.setObject(2, session[0]);
                        snapshots.setObject(3, now);
                        snapshots.setObject(4, now);
                        snapshots.setDouble(5, 120.5 + r % 90);
                        snapshots.setDouble(6, 5000 + r % 3000);
                        snapshots.setInt(7, 3 + r % 3);
                        snapshots.setDouble(8, r * 5.0 % 90);
                        snapshots.setInt(9, 1 + cursor % 20);
                        snapshots.setDouble(10, r * 5.0);
                        snapshots.setBoolean(11, false);
                        snapshots.addBatch();
                        if ((written + k) % 12 == 0) {
                            mark.setObject(1, now);
                            mark.setObject(2, session[1]);
                            mark.setObject(3, now);
                            mark.addBatch();
                        }
                    }
                    signatures.executeBatch();
                    update.executeBatch();
                    snapshots.executeBatch();
                    mark.executeBatch();
                    c.commit();
                    written += batch;
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long cpu = cpuTicks(Long.toString(ProcessHandle.current().pid())) - cpuBefore;
            long postgresCpu = postgresTicks() - postgresBefore;
            System.out.printf("JDBC baseline (same rows, one connection, %d heartbeats per transaction): %d in "
                    + "%.1f s = %.0f/s; PostgreSQL %.0f %% of one core (%.3f ms per heartbeat), bench JVM %.0f %%%n",
                    batch, written, elapsed, written / elapsed, postgresCpu / elapsed, postgresCpu * 10.0 / written,
                    cpu / elapsed);
            return written / elapsed;
        }
    }

    /** utime + stime, in clock ticks, of one /proc/…/stat line (the fields after the command name). */
    static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** utime + stime of a process in clock ticks (100/s on Linux), 0 without a pid. */
    static long cpuTicks(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            return ticksOf(stat);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * utime + stime of a process's threads in clock ticks, summed by kind (from the thread name): request
     * threads, the JIT compiler, GC and VM operations, managed threads (the heartbeat writer), the rest.
     * Threads that ended inside the window are missed.
     */
    static Map<String, Long> threadTicks(String pid) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        if (pid == null) {
            return kinds;
        }
        try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc", pid, "task"))) {
            for (java.nio.file.Path task : tasks) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String kind = name.startsWith("http-thread") ? "requests"
                            : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT"
                            : name.equals("VM Thread") || name.startsWith("GC ") || name.startsWith("G1 ") ? "GC+VM"
                            : name.startsWith("concurrent/") ? "managed (writer)" : "other";
                    kinds.merge(kind, ticksOf(stat), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    /** Share of one core the server's JIT compiler threads used over the next {@code seconds}; 0 without a pid. */
    static double jitShare(String pid, int seconds) throws InterruptedException {
        long before = threadTicks(pid).getOrDefault("JIT", 0L);
        Thread.sleep(seconds * 1000L);
        return (threadTicks(pid).getOrDefault("JIT", 0L) - before) / 100.0 / seconds;
    }

    private static final long MAX_LATE_NANOS = 1_000_000_000L;

    /** One simulated plugin: its HMAC key initialised once and its fixed request head, built once. */
    static final class Plugin {
        final Mac mac;
        final byte[] head;

        Plugin(URI uri, int i) throws Exception {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("bench-secret-" + i).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            head = ("POST /api/plugin/heartbeat HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nX-Paddock-Installation: bench-" + i
                    + "\r\nX-Paddock-Timestamp: ").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * utime + stime of every PostgreSQL process (server and backends) in clock ticks; backends that ended
     * inside the window are missed, which the bench's pooled connections make rare.
     */
    static long postgresTicks() {
        long total = 0;
        try (var dirs = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"), "[0-9]*")) {
            for (java.nio.file.Path dir : dirs) {
                try {
                    String stat = java.nio.file.Files.readString(dir.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        total += ticksOf(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** Heartbeat {@code r} of installation {@code i}: moving telemetry, its hash, signed with its secret. */
    static byte[] heartbeat(Plugin plugin, MessageDigest sha, int i, int r) throws Exception {
        // Whole numbers and halves only, so they print without BigDecimal and hash as the server's canonical form.
        long sessionTime = r * 5L;
        long speedWhole = 120 + (r * 7L + i) % 90;
        int rpm = 5000 + (int) ((r * 311L + i) % 3000);
        int gear = 3 + r % 3;
        int position = 1 + i % 20;
        String st = Long.toString(sessionTime);
        String sp = speedWhole + ".5";
        String hash = Base64.getEncoder().encodeToString(sha.digest(
                (sp + "|" + rpm + "|" + gear + "|" + position + "|" + st).getBytes(StandardCharsets.US_ASCII)));
        long millis = System.currentTimeMillis();
        String body = "{\"timestamp\":\"" + Instant.ofEpochMilli(millis) + "\",\"currentSpeed\":" + sp
                + ",\"currentRPM\":" + rpm + ",\"currentGear\":" + gear + ",\"currentLapTime\":" + (sessionTime % 90)
                + ",\"currentPosition\":" + position + ",\"sessionTime\":" + st + ",\"telemetryHash\":\"" + hash + "\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
        byte[] ts = Long.toString(millis / 1000).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        synchronized (plugin) { // one plugin's heartbeats are 5 s apart, so this is never contended
            plugin.mac.update(ts);
            plugin.mac.update((byte) '.');
            signature = plugin.mac.doFinal(bodyBytes);
        }
        byte[] tail = ("\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] sigHeader = "\r\nX-Paddock-Signature: sha256=".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer request = ByteBuffer.allocate(plugin.head.length + ts.length + sigHeader.length + 64 + tail.length
                + bodyBytes.length);
        request.put(plugin.head).put(ts).put(sigHeader);
        for (byte b : signature) {
            request.put(HEX[(b >> 4) & 0xf]).put(HEX[b & 0xf]);
        }
        return request.put(tail).put(bodyBytes).array();
    }

    /**
     * Reads one HTTP/1.1 response (Content-Length or chunked) through {@code buffer}, whose unread bytes are
     * {@code window[0]..window[1]}; counts it in {@code accepted} (when given) if it says accepted; returns its
     * status. Byte scanning, no strings: the client shares the server's 2 cores.
     */
    static int readResponse(InputStream in, byte[] buffer, int[] window, LongAdder accepted, boolean[] close)
            throws IOException {
        int lineEnd = lineEnd(in, buffer, window);
        int status = (buffer[window[0] + 9] - '0') * 100 + (buffer[window[0] + 10] - '0') * 10
                + (buffer[window[0] + 11] - '0');
        window[0] = lineEnd;
        int length = -1;
        boolean chunked = false;
        while (true) {
            lineEnd = lineEnd(in, buffer, window);
            int from = window[0];
            int to = lineEnd - 2; // without CRLF
            window[0] = lineEnd;
            if (to <= from) {
                break;
            }
            if (startsWith(buffer, from, to, "content-length:")) {
                length = 0;
                for (int k = from + 15; k < to; k++) {
                    if (buffer[k] >= '0' && buffer[k] <= '9') {
                        length = length * 10 + buffer[k] - '0';
                    }
                }
            } else if (startsWith(buffer, from, to, "connection:") && contains(buffer, from, to, "close")) {
                close[0] = true;
            } else if (startsWith(buffer, from, to, "transfer-encoding:") && contains(buffer, from, to, "chunked")) {
                chunked = true;
            }
        }
        boolean yes = false;
        if (chunked) {
            while (true) {
                lineEnd = lineEnd(in, buffer, window);
                int size = Integer.parseInt(new String(buffer, window[0], lineEnd - 2 - window[0],
                        StandardCharsets.US_ASCII).strip(), 16);
                window[0] = lineEnd;
                if (size == 0) {
                    window[0] = lineEnd(in, buffer, window); // the empty line after the last chunk
                    break;
                }
                fill(in, buffer, window, size + 2);
                yes |= status == 200 && contains(buffer, window[0], window[0] + size, "\"accepted\":true");
                window[0] += size + 2;
            }
        } else if (length > 0) {
            fill(in, buffer, window, length);
            yes = status == 200 && contains(buffer, window[0], window[0] + length, "\"accepted\":true");
            window[0] += length;
        }
        if (yes && accepted != null) {
            accepted.increment();
        }
        return status;
    }

    /** Ensures at least {@code count} unread bytes in the buffer (compacting it first), reading as needed. */
    private static void fill(InputStream in, byte[] buffer, int[] window, int count) throws IOException {
        if (window[1] - window[0] >= count) {
            return;
        }
        if (count > buffer.length) {
            throw new IOException("response larger than the client's buffer");
        }
        System.arraycopy(buffer, window[0], buffer, 0, window[1] - window[0]);
        window[1] -= window[0];
        window[0] = 0;
        while (window[1] < count) {
            int n = in.read(buffer, window[1], buffer.length - window[1]);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            window[1] += n;
        }
    }

    /** The index just past the next CRLF in the buffer, reading more as needed. */
    private static int lineEnd(InputStream in, byte[] buffer, int[] window) throws IOException {
        int scanned = window[0];
        while (true) {
            for (int k = scanned; k < window[1]; k++) {
                if (buffer[k] == '\n') {
                    return k + 1;
                }
            }
            scanned = window[1] - window[0];
            fill(in, buffer, window, window[1] - window[0] + 1);
            scanned += window[0];
        }
    }

    private static boolean startsWith(byte[] b, int from, int to, String lowerPrefix) {
        if (to - from < lowerPrefix.length()) {
            return false;
        }
        for (int k = 0; k < lowerPrefix.length(); k++) {
            if (Character.toLowerCase((char) b[from + k]) != lowerPrefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] b, int from, int to, String needle) {
        outer:
        for (int k = from; k <= to - needle.length(); k++) {
            for (int j = 0; j < needle.length(); j++) {
                if (Character.toLowerCase((char) b[k + j]) != Character.toLowerCase(needle.charAt(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** One bench user and N installations bench-0… with secrets bench-secret-i, sealed like SecretBox does. */
    static void seed(String jdbc, byte[] key, int installations) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            c.setAutoCommit(false);
            int have;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM plugin_installations WHERE installation_key LIKE 'bench-%'")) {
                rs.next();
                have = rs.getInt(1);
            }
            if (have >= installations) {
                return;
            }
            UUID user = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement u = c.prepareStatement("INSERT INTO users (id, display_name, role, member_state, "
                    + "created_at, version) VALUES (?, 'Bench driver', 'USER', 'PENDING', ?, 0)")) {
                u.setObject(1, user);
                u.setTimestamp(2, now);
                u.executeUpdate();
            }
            SecureRandom random = new SecureRandom();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO plugin_installations (id, installation_key, "
                    + "user_id, plugin_version, sim_platform, secret_encrypted, first_seen_at, last_seen_at, version) "
                    + "VALUES (?, ?, ?, '1.0.0', 'IRACING', ?, ?, ?, 0) ON CONFLICT (installation_key) DO NOTHING")) {
                for (int i = have; i < installations; i++) {
                    byte[] nonce = new byte[12];
                    random.nextBytes(nonce);
                    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                    byte[] sealed = cipher.doFinal(("bench-secret-" + i).getBytes(StandardCharsets.UTF_8));
                    String stored = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length)
                            .put(nonce).put(sealed).array());
                    p.setObject(1, UUID.randomUUID());
                    p.setString(2, "bench-" + i);
                    p.setObject(3, user);
                    p.setString(4, stored);
                    p.setTimestamp(5, now);
                    p.setTimestamp(6, now);
                    p.addBatch();
                    if (i % 1000 == 999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
        }
    }
}
