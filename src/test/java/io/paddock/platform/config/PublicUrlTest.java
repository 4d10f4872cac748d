package io.paddock.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

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

    @Test
    void plainHttpIsWarnedAboutOnlyWhenItLeavesThisMachine() {
        for (String remote : new String[] {"http://paddock.example", "http://paddock.example:8080/sub",
                "HTTP://Paddock.Example", "http://192.168.1.20:8080", "http://10.0.0.1", "http://[2001:db8::1]:8080",
                "http://localhost.paddock.example", "http://127.0.0.1.nip.io"}) {
            String warning = PublicUrl.plainHttpWarning(remote).orElse(null);
            assertTrue(warning != null && warning.contains(remote) && warning.contains("https"),
                    remote + " -> " + warning);
        }
        for (String fine : new String[] {"https://paddock.example", "https://192.168.1.20", "http://localhost:8080",
                "http://LOCALHOST", "http://paddock.localhost:8080", "http://127.0.0.1:8080", "http://127.8.9.10",
                "http://[::1]:8080"}) {
            assertEquals(Optional.empty(), PublicUrl.plainHttpWarning(fine), fine);
        }
    }
}
