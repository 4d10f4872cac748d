package io.paddock.telemetry.control;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

import io.paddock.platform.json.InputLimits;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.Hmac;

/**
 * The pure rules of the telemetry proof (no I/O, unit-tested): the heartbeat hash, the thresholds,
 * static telemetry, position jumps, the continuity score and what plugins sign (HMAC-SHA256).
 */
public final class TelemetryProof {

    /** Heartbeats closer together than this are refused (429). */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(3);
    /** A gap longer than this ends the session; the next heartbeat starts a new one. */
    public static final Duration STALE_GAP = Duration.ofSeconds(10);
    /** A result needs an accepted heartbeat of its session at most this old. */
    public static final Duration FRESH = Duration.ofSeconds(30);
    /** How long a podium challenge can be answered. */
    public static final Duration CHALLENGE_TTL = Duration.ofSeconds(5);
    /** Continuity scores below this flag the result. */
    public static final int CONTINUITY_THRESHOLD = 70;
    /** A final position further than this from the last heartbeat's position is a jump. */
    public static final int MAX_POSITION_CHANGE = 2;
    /** Snapshots kept per session and scored for continuity. */
    public static final int KEPT_SNAPSHOTS = 10;
    /** Fewer snapshots than this cannot be scored: the result stays pending. */
    public static final int MIN_SCORED_SNAPSHOTS = 3;

    private static final double MAX_SPEED_KMH = 600;
    private static final double MAX_RPM = 30_000;
    private static final double MAX_ACCELERATION_KMH_PER_S = 60;

    private TelemetryProof() {
    }

    /** One telemetry snapshot as the plugin reported it. */
    public record Snapshot(double speed, double rpm, int gear, double lapTime, int position, double sessionTime) {
    }

    /** The continuity score and its three parts. */
    public record Continuity(int position, int lapTime, int speedRpm) {

        public int total() {
            return position + lapTime + speedRpm;
        }

        public boolean low() {
            return total() < CONTINUITY_THRESHOLD;
        }
    }

    /**
     * A JSON number in canonical form for hashing: plain decimal notation, no exponent, no trailing
     * zeros after the point and no trailing point ({@code 120.50 → 120.5}, {@code 7.0 → 7}, {@code -0 → 0}).
     * Only numbers within the JSON boundary's limits ({@link InputLimits}) are written out: the plain form of
     * {@code 1E-50000000} would be 50 million characters.
     *
     * @throws IllegalArgumentException for a number past those limits
     */
    public static String canonical(BigDecimal number) {
        if (number.signum() == 0) {
            return "0";
        }
        if (Math.abs((long) number.scale()) > InputLimits.MAX_NUMBER_SCALE
                || number.precision() > InputLimits.MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("Only numbers within the input limits have a canonical form.");
        }
        return number.stripTrailingZeros().toPlainString();
    }

    /** base64(SHA-256("speed|rpm|gear|pos|sessionTime")) over the canonical numbers. */
    public static String telemetryHash(String speed, String rpm, String gear, String position, String sessionTime) {
        String joined = speed + "|" + rpm + "|" + gear + "|" + position + "|" + sessionTime;
        return Base64.getEncoder().encodeToString(Digests.sha256(joined.getBytes(StandardCharsets.UTF_8)));
    }

    /** No change in speed (< 0.1), RPM (< 1) and gear since the previous snapshot. */
    public static boolean isStatic(Snapshot previous, Snapshot current) {
        return previous != null && Math.abs(current.speed() - previous.speed()) < 0.1
                && Math.abs(current.rpm() - previous.rpm()) < 1 && current.gear() == previous.gear();
    }

    public static boolean positionJump(int lastHeartbeatPosition, int finalPosition) {
        return Math.abs(finalPosition - lastHeartbeatPosition) > MAX_POSITION_CHANGE;
    }

    /**
     * Continuity of a session's snapshots (oldest first): over consecutive pairs, position 40 points
     * (share of pairs whose position moved at most 2 places), lap time 30 (share whose lap timer advanced
     * with the session clock, within max(1 s, 10 %), or restarted for a new lap) and speed/RPM 30 (share
     * that are not static, in range and accelerate at most 60 km/h per second). Empty below 3 snapshots.
     */
    public static OptionalInt continuity(List<Snapshot> snapshots) {
        return snapshots.size() < MIN_SCORED_SNAPSHOTS ? OptionalInt.empty()
                : OptionalInt.of(continuityParts(snapshots).total());
    }

    public static Continuity continuityParts(List<Snapshot> snapshots) {
        if (snapshots.size() < 2) {
            return new Continuity(0, 0, 0);
        }
        int pairs = snapshots.size() - 1;
        int positionOk = 0;
        int lapOk = 0;
        int speedOk = 0;
        for (int i = 1; i < snapshots.size(); i++) {
            Snapshot a = snapshots.get(i - 1);
            Snapshot b = snapshots.get(i);
            double dt = b.sessionTime() - a.sessionTime();
            if (Math.abs(b.position() - a.position()) <= MAX_POSITION_CHANGE) {
                positionOk++;
            }
            if (dt > 0) {
                double advanced = b.lapTime() - a.lapTime();
                boolean sameLap = Math.abs(advanced - dt) <= Math.max(1.0, 0.1 * dt);
                boolean newLap = b.lapTime() < a.lapTime() && b.lapTime() <= dt + 1.0;
                if (sameLap || newLap) {
                    lapOk++;
                }
                boolean inRange = b.speed() >= 0 && b.speed() <= MAX_SPEED_KMH && b.rpm() >= 0 && b.rpm() <= MAX_RPM;
                boolean plausible = Math.abs(b.speed() - a.speed()) / dt <= MAX_ACCELERATION_KMH_PER_S;
                if (!isStatic(a, b) && inRange && plausible) {
                    speedOk++;
                }
            }
        }
        return new Continuity(Math.round(40f * positionOk / pairs), Math.round(30f * lapOk / pairs),
                Math.round(30f * speedOk / pairs));
    }

    /** Reasons a result is flagged, in a stable order. */
    public static List<String> flags(boolean positionJump, OptionalInt continuity) {
        List<String> reasons = new ArrayList<>();
        if (positionJump) {
            reasons.add("POSITION_JUMP");
        }
        if (continuity.isPresent() && continuity.getAsInt() < CONTINUITY_THRESHOLD) {
            reasons.add("LOW_CONTINUITY");
        }
        return reasons;
    }

    /** The request signature: hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    public static String requestSignature(byte[] secret, String timestamp, byte[] body) {
        return Hmac.sha256Hex(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    /** The podium challenge answer: hex(HMAC-SHA256(secret, nonce + "." + resultDigest)). */
    public static String challengeAnswer(byte[] secret, String nonce, String resultDigest) {
        return Hmac.sha256Hex(secret, (nonce + "." + resultDigest).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * hex(SHA-256) of the result's canonical line:
     * {@code sessionId|simPlatform|track|car|series|finalPosition|fieldSize|laps|bestLapMs|totalTimeMs|competitiveness}
     * (an absent series is the empty string).
     */
    public static String resultDigest(String sessionId, String simPlatform, String track, String car, String series,
            int finalPosition, int fieldSize, int laps, long bestLapMs, long totalTimeMs, int competitiveness) {
        String line = String.join("|", sessionId, simPlatform, track, car, series == null ? "" : series,
                Integer.toString(finalPosition), Integer.toString(fieldSize), Integer.toString(laps),
                Long.toString(bestLapMs), Long.toString(totalTimeMs), Integer.toString(competitiveness));
        return Digests.sha256Hex(line);
    }
}
