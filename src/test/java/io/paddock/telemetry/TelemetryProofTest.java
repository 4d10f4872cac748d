package io.paddock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.paddock.platform.security.ConstantTime;
import io.paddock.platform.security.Hmac;
import io.paddock.telemetry.control.TelemetryProof;
import io.paddock.telemetry.control.TelemetryProof.Snapshot;

class TelemetryProofTest {

    @Test
    void canonicalNumbersDropTrailingZerosAndExponents() {
        assertEquals("120.5", TelemetryProof.canonical(new BigDecimal("120.50")));
        assertEquals("7", TelemetryProof.canonical(new BigDecimal("7.0")));
        assertEquals("1000", TelemetryProof.canonical(new BigDecimal("1E+3")));
        assertEquals("0", TelemetryProof.canonical(new BigDecimal("-0.000")));
        assertEquals("0.05", TelemetryProof.canonical(new BigDecimal("0.050")));
    }

    @Test
    void onlyNumbersWithinTheInputLimitsAreWrittenOut() {
        // 1E-50000000 written out is 50 million characters: refused, not built.
        assertThrows(IllegalArgumentException.class, () -> TelemetryProof.canonical(new BigDecimal("1E-50000000")));
        assertThrows(IllegalArgumentException.class, () -> TelemetryProof.canonical(new BigDecimal("1E+50000000")));
        assertThrows(IllegalArgumentException.class, () -> TelemetryProof.canonical(new BigDecimal("1E-401")));
        assertEquals("0." + "0".repeat(399) + "1", TelemetryProof.canonical(new BigDecimal("1E-400")));
        assertEquals("0", TelemetryProof.canonical(new BigDecimal("0E-50000000")));
    }

    @Test
    void telemetryHashIsBase64OfSha256OfThePipedValues() throws Exception {
        String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("187.4|7250|4|3|1834.25".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, TelemetryProof.telemetryHash("187.4", "7250", "4", "3", "1834.25"));
        // The worked example of docs/api/plugin.md.
        assertEquals("KL1m7zCKAR0RZTAEAFWLicHZwPcfAuPiVb5Jcbl7LBw=",
                TelemetryProof.telemetryHash("187.4", "7250", "4", "3", "1834.25"));
    }

    @Test
    void requestSignatureIsHexHmacOfTimestampDotBody() {
        byte[] secret = "s3cr3t".getBytes(StandardCharsets.UTF_8);
        String signature = TelemetryProof.requestSignature(secret, "1700000000",
                "{\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Hmac.sha256Hex(secret, "1700000000.{\"version\":\"1.0.0\"}"
                .getBytes(StandardCharsets.UTF_8)), signature);
        assertEquals(64, signature.length());
        assertTrue(ConstantTime.equal(signature, signature));
        assertFalse(ConstantTime.equal(signature, signature.replace(signature.charAt(0), 'x')));
    }

    @Test
    void staticTelemetryNeedsSpeedRpmAndGearUnchanged() {
        Snapshot a = new Snapshot(100, 5000, 3, 10, 4, 100);
        assertTrue(TelemetryProof.isStatic(a, new Snapshot(100.05, 5000.5, 3, 15, 4, 105)));
        assertFalse(TelemetryProof.isStatic(a, new Snapshot(100.15, 5000, 3, 15, 4, 105)));
        assertFalse(TelemetryProof.isStatic(a, new Snapshot(100, 5001, 3, 15, 4, 105)));
        assertFalse(TelemetryProof.isStatic(a, new Snapshot(100, 5000, 4, 15, 4, 105)));
        assertFalse(TelemetryProof.isStatic(null, a));
    }

    @Test
    void positionJumpIsMoreThanTwoPlaces() {
        assertFalse(TelemetryProof.positionJump(5, 3));
        assertFalse(TelemetryProof.positionJump(3, 5));
        assertTrue(TelemetryProof.positionJump(6, 3));
        assertTrue(TelemetryProof.positionJump(1, 4));
    }

    static List<Snapshot> cleanLap() {
        return List.of(new Snapshot(150, 6000, 3, 10, 4, 100), new Snapshot(180, 7000, 4, 15, 4, 105),
                new Snapshot(160, 6500, 4, 20, 3, 110), new Snapshot(200, 7500, 5, 2, 3, 115),
                new Snapshot(190, 7200, 5, 7.1, 2, 120));
    }

    @Test
    void cleanSessionScoresFullMarks() {
        TelemetryProof.Continuity parts = TelemetryProof.continuityParts(cleanLap());
        assertEquals(new TelemetryProof.Continuity(40, 30, 30), parts);
        assertEquals(OptionalInt.of(100), TelemetryProof.continuity(cleanLap()));
        assertEquals(List.of(), TelemetryProof.flags(false, OptionalInt.of(100)));
    }

    @Test
    void inconsistentLapTimesAndImpossibleSpeedsScoreLow() {
        List<Snapshot> wild = List.of(new Snapshot(50, 3000, 2, 10, 4, 100), new Snapshot(400, 7000, 6, 60, 4, 105),
                new Snapshot(20, 2000, 1, 30, 4, 110), new Snapshot(380, 9000, 6, 80, 4, 115));
        TelemetryProof.Continuity parts = TelemetryProof.continuityParts(wild);
        assertEquals(40, parts.position());
        assertEquals(0, parts.lapTime());
        assertEquals(0, parts.speedRpm());
        assertTrue(parts.low());
        assertEquals(List.of("LOW_CONTINUITY"), TelemetryProof.flags(false, OptionalInt.of(parts.total())));
    }

    @Test
    void positionSwingsCostThePositionShare() {
        List<Snapshot> swings = List.of(new Snapshot(150, 6000, 3, 10, 1, 100), new Snapshot(180, 7000, 4, 15, 9, 105),
                new Snapshot(160, 6500, 4, 20, 2, 110));
        TelemetryProof.Continuity parts = TelemetryProof.continuityParts(swings);
        assertEquals(0, parts.position());
        assertEquals(60, parts.total());
    }

    @Test
    void staticPairsCostTheSpeedShareAndTooFewSnapshotsCannotBeScored() {
        List<Snapshot> parked = List.of(new Snapshot(0, 900, 0, 10, 4, 100), new Snapshot(0, 900, 0, 15, 4, 105),
                new Snapshot(0, 900, 0, 20, 4, 110));
        assertEquals(0, TelemetryProof.continuityParts(parked).speedRpm());
        assertEquals(OptionalInt.empty(), TelemetryProof.continuity(parked.subList(0, 2)));
        assertEquals(List.of("POSITION_JUMP"), TelemetryProof.flags(true, OptionalInt.empty()));
    }

    @Test
    void resultDigestCoversEveryFieldAndTheChallengeAnswerBindsIt() {
        String a = TelemetryProof.resultDigest("s", "iRacing", "Spa", "GT3", null, 2, 20, 12, 138_000, 1_700_000, 7);
        String b = TelemetryProof.resultDigest("s", "iRacing", "Spa", "GT3", "", 2, 20, 12, 138_000, 1_700_000, 7);
        String c = TelemetryProof.resultDigest("s", "iRacing", "Spa", "GT3", null, 1, 20, 12, 138_000, 1_700_000, 7);
        assertEquals(a, b);
        assertFalse(a.equals(c));
        byte[] secret = "k".getBytes(StandardCharsets.UTF_8);
        assertEquals(Hmac.sha256Hex(secret, ("n." + a).getBytes(StandardCharsets.UTF_8)),
                TelemetryProof.challengeAnswer(secret, "n", a));
    }

    /** The worked example of docs/api/plugin.md, byte for byte. */
    @Test
    void theDocumentedWorkedExampleHolds() {
        byte[] secret = "q8Zt4mJ0Xr1pV7bN2cL5hW9yK3sD6fG8aE0uT4iO1nM".getBytes(StandardCharsets.UTF_8);
        String body = "{\"timestamp\":\"2025-11-22T08:26:40Z\",\"currentSpeed\":187.4,\"currentRPM\":7250,"
                + "\"currentGear\":4,\"currentLapTime\":83.512,\"currentPosition\":3,\"sessionTime\":1834.25,"
                + "\"telemetryHash\":\"KL1m7zCKAR0RZTAEAFWLicHZwPcfAuPiVb5Jcbl7LBw=\"}";
        assertEquals("a44c69e92e2b4900b937b21b072f7e83c16735a3dfc821f8f15b0e67d4395b43",
                TelemetryProof.requestSignature(secret, "1763800000", body.getBytes(StandardCharsets.UTF_8)));
        String digest = TelemetryProof.resultDigest("6f1c2a4e-8b1d-4c7e-9a55-0d3b2f1e7c90", "iRacing",
                "Spa-Francorchamps", "Porsche 911 GT3 R", "Sunday Sprint", 2, 24, 12, 138_456, 1_702_345, 7);
        assertEquals("1569de279830a908089a611eb00955450b565a429f8673c814e7d96dbeea7620", digest);
        assertEquals("d89649506e029f5641c6f119b343a88a0135d5c5357b0c8730df30e4104cddb3",
                TelemetryProof.challengeAnswer(secret, "3d9b7f1e-2c4a-4e8b-b6d0-7a1f5c9e2b34", digest));
    }
}
