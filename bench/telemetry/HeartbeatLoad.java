import java.io.BufferedInputStream;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load client for the heartbeat path: N simulated plugins, each sending one signed full-telemetry
 * heartbeat every N/rate seconds (5 s at the design rate), open loop at a target rate with a cap on
 * requests in flight. It seeds the N installations straight into the database (secrets sealed with the
 * server's paddock.telemetry.secret-key), so no sign-in is needed.
 *
 * java -cp postgresql.jar bench/telemetry/HeartbeatLoad.java BASE_URL JDBC_URL SECRET_KEY_B64 RATE SECONDS
 *     [CONNECTIONS=64] [WARMUP_SECONDS=30] [SERVER_PID]
 * N = RATE * 5 installations. Prints accepted heartbeats per second, refusals by status, latency percentiles
 * and (given its pid) the server's CPU over the measured window.
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
        // share of the 2 cores several times over (STACK.md), which is what a separate load machine avoids.
        URI uri = URI.create(base);
        LongAdder ok = new LongAdder();
        LongAdder accepted = new LongAdder();
        ConcurrentHashMap<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        LongAdder late = new LongAdder();
        long[] latencies = new long[rate * seconds * 2 + 1000];
        AtomicLong latencyCount = new AtomicLong();
        AtomicLong tickets = new AtomicLong();
        long begin = System.nanoTime() + 200_000_000L;
        long start = begin + warmup * 1_000_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        long end = start + seconds * 1_000_000_000L;
        long[] cpuAtStart = new long[1];
        Thread cpuWatch = new Thread(() -> {
            java.util.concurrent.locks.LockSupport.parkNanos(start - System.nanoTime());
            cpuAtStart[0] = cpuTicks(serverPid);
        });
        cpuWatch.start();
        Thread[] workers = new Thread[inFlight];
        for (int w = 0; w < inFlight; w++) {
            workers[w] = new Thread(() -> {
                Socket socket = null;
                try {
                    OutputStream out = null;
                    InputStream in = null;
                    Mac mac = Mac.getInstance("HmacSHA256");
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    while (true) {
                        long n = tickets.getAndIncrement();
                        long due = begin + n * intervalNanos;
                        boolean measured = due >= start;
                        if (due >= end) {
                            return;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        } else if (wait < -100_000_000L && measured) {
                            late.increment();
                        }
                        int i = (int) (n % installations);
                        int r = (int) (n / installations);
                        byte[] request = heartbeat(uri, mac, sha, i, r);
                        long t0 = System.nanoTime();
                        if (socket == null) {
                            // Payara ends a keep-alive connection after a number of requests; open a new one.
                            socket = new Socket(uri.getHost(), uri.getPort());
                            socket.setTcpNoDelay(true);
                            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
                            in = new BufferedInputStream(socket.getInputStream(), 8192);
                        }
                        out.write(request);
                        out.flush();
                        boolean[] close = new boolean[1];
                        int status = readResponse(in, measured ? accepted : new LongAdder(), close);
                        if (close[0]) {
                            socket.close();
                            socket = null;
                        }
                        if (!measured) {
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
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = cpuTicks(serverPid) - cpuAtStart[0];
        long sent = latencyCount.get();
        int count = (int) Math.min(sent, latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("target %d/s for %d s after a %d s warm-up, %d installations, %d connections%n", rate,
                seconds, warmup, installations, inFlight);
        if (serverPid != null) {
            System.out.printf("server CPU over the window: %.0f %% of one core%n", cpu / 100.0 / elapsed * 100);
        }
        System.out.printf("sent %d in %.1f s: 200 OK %d (%.0f/s), accepted %d (%.0f/s), refused %s, errors %d, "
                + "sent over 100 ms late %d%n", sent, elapsed, ok.sum(), ok.sum() / elapsed, accepted.sum(),
                accepted.sum() / elapsed, refused, errors.sum(), late.sum());
        if (count > 0) {
            System.out.printf("latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n", sorted[count / 2] / 1e6,
                    sorted[(int) (count * 0.9)] / 1e6, sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6);
        }
        System.exit(0);
    }

    /** utime + stime of a process in clock ticks (100/s on Linux), 0 without a pid. */
    static long cpuTicks(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Heartbeat {@code r} of installation {@code i}: moving telemetry, its hash, signed with its secret. */
    static byte[] heartbeat(URI uri, Mac mac, MessageDigest sha, int i, int r) throws Exception {
        double sessionTime = r * 5.0;
        double speed = 120 + (r * 7 + i) % 90 + 0.5;
        int rpm = 5000 + (r * 311 + i) % 3000;
        int gear = 3 + r % 3;
        int position = 1 + i % 20;
        String st = plain(sessionTime);
        String sp = plain(speed);
        String hash = Base64.getEncoder().encodeToString(sha.digest(
                (sp + "|" + rpm + "|" + gear + "|" + position + "|" + st).getBytes(StandardCharsets.UTF_8)));
        String body = "{\"timestamp\":\"" + Instant.now() + "\",\"currentSpeed\":" + sp + ",\"currentRPM\":" + rpm
                + ",\"currentGear\":" + gear + ",\"currentLapTime\":" + plain((r * 5.0) % 90) + ",\"currentPosition\":"
                + position + ",\"sessionTime\":" + st + ",\"telemetryHash\":\"" + hash + "\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        mac.init(new SecretKeySpec(("bench-secret-" + i).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
        String signature = HexFormat.of().formatHex(mac.doFinal(bodyBytes));
        String head = "POST /api/plugin/heartbeat HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nX-Paddock-Installation: bench-" + i
                + "\r\nX-Paddock-Timestamp: " + ts + "\r\nX-Paddock-Signature: sha256=" + signature
                + "\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
        return request;
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked); returns its status. */
    static int readResponse(InputStream in, LongAdder accepted, boolean[] close) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close[0] = true;
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line(in);
            }
            line(in);
        } else if (length > 0) {
            body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        if (status == 200 && body.indexOf("\"accepted\":true") >= 0) {
            accepted.increment();
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    static String plain(double v) {
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(v);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
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
