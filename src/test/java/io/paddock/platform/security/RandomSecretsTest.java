package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class RandomSecretsTest {

    @Test
    void aTokenIs32RandomBytesInBase64UrlWithoutPadding() {
        String token = RandomSecrets.token();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertNotEquals(token, RandomSecrets.token());
    }

    @Test
    void aCodeUsesOnlyUnambiguousLowerCaseCharacters() {
        String code = RandomSecrets.code(200);
        assertEquals(200, code.length());
        assertTrue(code.matches("[a-km-z2-9]+"), code);
        assertEquals(16, RandomSecrets.bytes(16).length);
    }
}
