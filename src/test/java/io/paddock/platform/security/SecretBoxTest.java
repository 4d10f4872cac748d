package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) fill);
        return raw;
    }

    @Test
    void aSealedSecretOpensWithItsKeyAndEverySealUsesAFreshNonce() {
        SecretBox box = new SecretBox(key(1));
        String sealed = box.seal("plugin-secret");
        assertNotEquals(sealed, box.seal("plugin-secret"));
        assertEquals("plugin-secret", new String(box.open(sealed), StandardCharsets.UTF_8));
        // nonce (12) + ciphertext (13) + tag (16)
        assertEquals(41, Base64.getDecoder().decode(sealed).length);
    }

    /** Rows sealed before this class existed: base64(nonce || AES-256-GCM ciphertext and tag), standard alphabet. */
    @Test
    void opensTheStoredFormatSealedDirectlyWithTheJdk() throws Exception {
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 9);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(2), "AES"), new GCMParameterSpec(128, nonce));
        byte[] body = cipher.doFinal("stored-secret".getBytes(StandardCharsets.UTF_8));
        String stored = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + body.length).put(nonce).put(body)
                .array());

        assertArrayEquals("stored-secret".getBytes(StandardCharsets.UTF_8), new SecretBox(key(2)).open(stored));
    }

    @Test
    void anotherKeyOrAlteredDataDoesNotOpen() {
        String sealed = new SecretBox(key(3)).seal("secret");
        assertThrows(SecretBox.SealedSecretException.class, () -> new SecretBox(key(4)).open(sealed));
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        String altered = Base64.getEncoder().encodeToString(bytes);
        assertThrows(SecretBox.SealedSecretException.class, () -> new SecretBox(key(3)).open(altered));
        assertThrows(SecretBox.SealedSecretException.class, () -> new SecretBox(key(3)).open("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
    }
}
