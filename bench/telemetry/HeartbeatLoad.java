import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
 * java -cp postgresql.jar bench/telemetry/HeartbeatLoad.java BASE_URL JDBC_URL SECRET_KEY_B64 RATE SECONDS [IN_FLIGHT]
 * N = RATE * 5 installations. Prints accepted heartbeats per second, refusals by status, latency percentiles.
 */
public class HeartbeatLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        byte[] key = Base64.getDecoder().decode(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int inFlight = args.length > 5 ? Integer.parseInt(args[5]) : 256;
        int installations = rate * 5;
        seed(jdbc, key, installations);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore slots = new Semaphore(inFlight);
        LongAdder ok = new LongAdder();
        LongAdder accepted = new LongAdder();
        ConcurrentHashMap<Integer, LongAdder> refused = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        long[] latencies = new long[rate * seconds * 2 + 1000];
        AtomicLong latencyCount = new AtomicLong();
        double[] sessionTime = new double[installations];
        int[] round = new int[installations];
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        long sent = 0;
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long due = start + sent * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int i = (int) (sent % installations);
            sent++;
            int r = round[i]++;
            sessionTime[i] = r * 5.0;
            double speed = 120 + (r * 7 + i) % 90 + 0.5;
            int rpm = 5000 + (r * 311 + i) % 3000;
            int gear = 3 + r % 3;
            int position = 1 + i % 20;
            String st = plain(sessionTime[i]);
            String sp = plain(speed);
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(
                    (sp + "|" + rpm + "|" + gear + "|" + position + "|" + st).getBytes(StandardCharsets.UTF_8)));
            String body = "{\"timestamp\":\"" + Instant.now() + "\",\"currentSpeed\":" + sp + ",\"currentRPM\":" + rpm
                    + ",\"currentGear\":" + gear + ",\"currentLapTime\":" + plain((r * 5.0) % 90) + ",\"currentPosition\":"
                    + position + ",\"sessionTime\":" + st + ",\"telemetryHash\":\"" + hash + "\"}";
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            String secret = "bench-secret-" + i;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
            String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/plugin/heartbeat"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Paddock-Installation", "bench-" + i).header("X-Paddock-Timestamp", ts)
                    .header("X-Paddock-Signature", "sha256=" + signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            slots.acquire();
            long t0 = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                slots.release();
                long n = latencyCount.getAndIncrement();
                if (n < latencies.length) {
                    latencies[(int) n] = System.nanoTime() - t0;
                }
                if (failure != null) {
                    errors.increment();
                } else if (response.statusCode() == 200) {
                    ok.increment();
                    if (response.body().contains("\"accepted\":true")) {
                        accepted.increment();
                    }
                } else {
                    refused.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                }
            });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int count = (int) Math.min(latencyCount.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("target %d/s for %d s, %d installations, %d in flight%n", rate, seconds, installations,
                inFlight);
        System.out.printf("sent %d in %.1f s: 200 OK %d (%.0f/s), accepted %d (%.0f/s), refused %s, errors %d%n", sent,
                elapsed, ok.sum(), ok.sum() / elapsed, accepted.sum(), accepted.sum() / elapsed, refused, errors.sum());
        if (count > 0) {
            System.out.printf("latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f%n", sorted[count / 2] / 1e6,
                    sorted[(int) (count * 0.9)] / 1e6, sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6);
        }
        System.exit(0);
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
