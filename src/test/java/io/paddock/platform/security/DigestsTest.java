package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Stored hashes are bit-for-bit what earlier releases stored: existing rows must keep matching. */
class DigestsTest {

    @Test
    void aTokenHashIsLowerCaseHexSha256OfTheUtf8Bytes() {
        // FIPS 180-2 example "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.tokenHash("abc"));
        // Non-ASCII text is hashed as UTF-8 (two bytes, C3 A9).
        assertEquals("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", Digests.tokenHash("é"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digests.tokenHash(""));
    }

    @Test
    void matchesHashComparesTheTokensHashAndRefusesMissingValues() {
        String stored = Digests.tokenHash("secret-token");
        assertTrue(Digests.matchesHash(stored, "secret-token"));
        assertFalse(Digests.matchesHash(stored, "secret-tokeN"));
        assertFalse(Digests.matchesHash(null, "secret-token"));
        assertFalse(Digests.matchesHash(stored, null));
    }

    @Test
    void sha256Base64UrlIsThePkceS256Challenge() {
        // RFC 7636, Appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Digests.sha256Base64Url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }
}
