package io.paddock.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One normal form for every link: the configured address without blanks or trailing slashes. */
class PublicUrlTest {

    @Test
    void trailingSlashesAndBlanksAreRemovedOnce() {
        assertEquals("https://paddock.example", PublicUrl.of("https://paddock.example").base());
        assertEquals("https://paddock.example", PublicUrl.of("https://paddock.example/").base());
        assertEquals("https://paddock.example", PublicUrl.of(" https://paddock.example// ").base());
        assertEquals("https://paddock.example/sub", PublicUrl.of("https://paddock.example/sub/").base());
        assertEquals("http://localhost:8080", PublicUrl.of("").base(), "blank is the default");
    }

    @Test
    void pathsResolveWithExactlyOneSlash() {
        PublicUrl url = PublicUrl.of("https://paddock.example/");
        assertEquals("https://paddock.example/auth/callback", url.resolve("/auth/callback"));
        assertEquals("https://paddock.example/qr.html?id=1", url.resolve("qr.html?id=1"));
    }

    @Test
    void websocketBaseAndHttpsFollowTheScheme() {
        assertEquals("wss://paddock.example", PublicUrl.of("https://paddock.example/").websocketBase());
        assertEquals("ws://localhost:8080", PublicUrl.of("http://localhost:8080").websocketBase());
        assertTrue(PublicUrl.of("https://paddock.example").isHttps());
        assertFalse(PublicUrl.of("http://paddock.example").isHttps());
    }
}
