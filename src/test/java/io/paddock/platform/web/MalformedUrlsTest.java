package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The URL rule: what browsers send passes, what only an attacker or a broken client sends does not. */
class MalformedUrlsTest {

    @Test
    void ordinaryPathsPass() {
        for (String path : new String[] {"/", "/index.html", "/api/races/7b0c9e1e-1111-4a2b-9c3d-000000000000",
                "/api/invite/abc_DEF-123", "/js/paddock.js", "/api/users/%C3%A9l%C3%A8ve/podiums", "/a%20b",
                "/api/races/a.b", "/.well-known/jwks.json", "/api/races/...", "/api/x%2Ey"}) {
            assertNull(MalformedUrls.flawInPath(path), path);
        }
    }

    @Test
    void brokenPercentEncodingIsRefused() {
        for (String path : new String[] {"/%", "/%Z", "/%ZZ", "/api/races/%ZZ", "/a%2", "/a%g0", "/%%41"}) {
            assertTrue(MalformedUrls.flawInPath(path).contains("'%'"), path);
        }
    }

    @Test
    void hiddenSeparatorsControlCharactersAndDotSegmentsAreRefused() {
        assertTrue(MalformedUrls.flawInPath("/a%2Fb").contains("slash"));
        assertTrue(MalformedUrls.flawInPath("/a%2fb").contains("slash"));
        assertTrue(MalformedUrls.flawInPath("/a%5Cb").contains("slash"));
        assertTrue(MalformedUrls.flawInPath("/a\\b").contains("backslash"));
        for (String path : new String[] {"/%00", "/index.html%00", "/a%0Ab", "/a%0d%0aSet-Cookie:x", "/a%7F",
                "/a\u0000b"}) {
            assertTrue(MalformedUrls.flawInPath(path).contains("control character"), path);
        }
        for (String path : new String[] {"/..%2Fapi", "/api/..", "/api/../info", "/%2e%2e/etc", "/api/%2E/info",
                "/a/.", "/./a"}) {
            assertNotNull(MalformedUrls.flawInPath(path), path);
        }
    }

    @Test
    void bytesThatAreNotUtf8AndRawNonAsciiAreRefused() {
        assertTrue(MalformedUrls.flawInPath("/%C0%AF").contains("UTF-8"), "an overlong slash");
        assertTrue(MalformedUrls.flawInPath("/%FF").contains("UTF-8"));
        assertTrue(MalformedUrls.flawInPath("/%C3").contains("UTF-8"), "a sequence cut short");
        assertTrue(MalformedUrls.flawInPath("/\u00e9").contains("US-ASCII"));
    }

    @Test
    void queriesMayHoldEncodedSlashesDotsAndControlCharactersButNotBrokenEncoding() {
        for (String query : new String[] {null, "", "return_to=%2Fqr.html%3Fid%3D1", "next=..%2F", "q=a+b",
                "name=%C3%A9", "next=%2F%09%2Fevil.example", "x=%00", "x=%0A"}) {
            assertNull(MalformedUrls.flawInQuery(query), query);
        }
        for (String query : new String[] {"x=%ZZ", "x=%", "x=%FF"}) {
            assertNotNull(MalformedUrls.flawInQuery(query), query);
        }
    }

    @Test
    void logLinesQuoteUrlsWithoutControlCharactersAndCutLongOnes() {
        assertEquals("/a\\u000ab", MalformedUrls.printable("/a\nb"));
        String quoted = MalformedUrls.printable("/" + "x".repeat(5000));
        assertTrue(quoted.length() < 300, quoted);
        assertTrue(quoted.endsWith("(5001 chars)"), quoted);
        assertFalse(MalformedUrls.printable("/\u2028").contains("\u2028"));
    }
}
