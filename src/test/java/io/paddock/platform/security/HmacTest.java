package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HmacTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hmacSha256MatchesRfc4231() {
        // RFC 4231, test case 2.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hmac.sha256Hex(utf8("Jefe"), utf8("what do ya want for nothing?")));
    }

    @Test
    void partsAreOneMessageWithNothingBetweenThem() {
        assertEquals(Hmac.sha256Hex(utf8("k"), utf8("1700000000.{}")),
                Hmac.sha256Hex(utf8("k"), utf8("1700000000."), utf8("{}")));
    }
}
