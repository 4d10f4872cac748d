package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** return_to must never become an open redirect. */
class OAuthSignInsTest {

    @Test
    void keepsPathsOnThisSite() {
        assertEquals("/qr.html?id=1", OAuthSignIns.localPath("/qr.html?id=1"));
        assertEquals("/", OAuthSignIns.localPath("/"));
    }

    @Test
    void dropsEverythingElse() {
        assertNull(OAuthSignIns.localPath(null));
        assertNull(OAuthSignIns.localPath("https://evil.example/"));
        assertNull(OAuthSignIns.localPath("//evil.example/"));
        assertNull(OAuthSignIns.localPath("/\\evil.example"));
        assertNull(OAuthSignIns.localPath("/a b"));
        assertNull(OAuthSignIns.localPath("relative"));
        assertNull(OAuthSignIns.localPath("/" + "x".repeat(300)));
    }
}
