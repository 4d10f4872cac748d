package io.paddock.racing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Derived tokens: stable for a key, id and generation; different otherwise; same wire format as before. */
class RaceTokensTest {

    static byte[] key(int fill) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) fill);
        return raw;
    }

    @Test
    void aModTokenIsDerivedFromKeyParticipantAndGeneration() {
        RaceTokens tokens = RaceTokens.withKey(key(1));
        UUID participant = UUID.randomUUID();
        String token = tokens.modToken(participant, 0);

        assertTrue(token.matches("[0-9a-f]{48}"), "48 lower-case hex characters, as tokens always were: " + token);
        assertEquals(token, RaceTokens.withKey(key(1)).modToken(participant, 0), "derivable again, never stored");
        assertNotEquals(token, tokens.modToken(participant, 1), "a regenerated token differs");
        assertNotEquals(token, tokens.modToken(UUID.randomUUID(), 0));
        assertNotEquals(token, RaceTokens.withKey(key(2)).modToken(participant, 0), "another key, other tokens");
        assertNotEquals(token, tokens.inviteToken(participant), "mod and invite tokens are separate domains");
    }

    @Test
    void onlyTheHashIsComparedAndInConstantTime() {
        RaceTokens tokens = RaceTokens.withKey(key(3));
        String token = tokens.inviteToken(UUID.randomUUID());
        String stored = RaceTokens.hash(token);

        assertTrue(stored.matches("[0-9a-f]{64}"));
        assertFalse(stored.contains(token));
        assertTrue(RaceTokens.matches(stored, token));
        assertFalse(RaceTokens.matches(stored, token.substring(1) + "0"));
        assertFalse(RaceTokens.matches(null, token));
    }

    /** Fixed vectors: tokens and stored hashes stay bit-for-bit what earlier releases derived and stored. */
    @Test
    void derivationAndHashAreStable() {
        RaceTokens tokens = RaceTokens.withKey(key(7));
        UUID id = UUID.fromString("6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d");

        assertEquals("f9cc6e129144e8417273d24b348fc786a9cb46a9adee5a68", tokens.modToken(id, 2));
        assertEquals("254afa6703f8f26dc3a4928e5968499da12131e8b83866d7", tokens.inviteToken(id));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RaceTokens.hash("abc"));
    }
}
