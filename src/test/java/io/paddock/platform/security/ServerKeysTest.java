package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** A configured key must be base64 of 32 bytes; anything else stops the start with a sentence naming it. */
class ServerKeysTest {

    @Test
    void aConfiguredKeyThatIsNotBase64Of32BytesIsRefusedWithItsName() {
        for (String bad : new String[] {"short", Base64.getEncoder().encodeToString(new byte[16]), "%%%"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ServerKeys.decodeConfigured("paddock.racing.token-key", bad));
            assertEquals("paddock.racing.token-key must be base64 of 32 bytes (e.g. openssl rand -base64 32), "
                    + "or unset to use a generated key.", e.getMessage());
        }
    }

    @Test
    void aConfiguredKeyIsDecodedAroundSurroundingBlanks() {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 7);
        assertArrayEquals(raw, ServerKeys.decodeConfigured("k", " " + Base64.getEncoder().encodeToString(raw) + "\n"));
    }
}
