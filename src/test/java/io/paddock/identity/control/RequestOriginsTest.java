package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the QR approval page says about the device that asks. */
class RequestOriginsTest {

    @Test
    void browsersAreNamedWithTheirSystem() {
        assertEquals("Chrome on Windows", RequestOrigins.device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"));
        assertEquals("Edge on Windows", RequestOrigins.device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91"));
        assertEquals("Firefox on Linux", RequestOrigins.device(
                "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"));
        assertEquals("Safari on iOS", RequestOrigins.device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"));
        assertEquals("Chrome on Android", RequestOrigins.device("Mozilla/5.0 (Linux; Android 14) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"));
    }

    @Test
    void programsAreShownAsTheyNameThemselvesShortenedAndPrintable() {
        assertEquals("PaddockSimHub/1.4.0 (RIG-PC)", RequestOrigins.device("PaddockSimHub/1.4.0 (RIG-PC)"));
        assertEquals("Unknown device", RequestOrigins.device(null));
        assertEquals("Unknown device", RequestOrigins.device(" \t"));
        assertEquals("ab", RequestOrigins.device("a\u0000b\u202e"));
        String longName = RequestOrigins.device("x".repeat(500));
        assertEquals(RequestOrigins.MAX_DEVICE, longName.length());
        assertTrue(longName.endsWith("…"));
    }

    @Test
    void addressesAreCutToTheirNetwork() {
        assertEquals("203.0.113.x", RequestOrigins.approximateAddress("203.0.113.54"));
        assertEquals("127.0.0.x", RequestOrigins.approximateAddress("::ffff:127.0.0.1"));
        assertEquals("2001:db8:85a3::/48", RequestOrigins.approximateAddress("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
        assertEquals("2001:db8:0::/48", RequestOrigins.approximateAddress("2001:db8::1"));
        assertEquals("0:0:0::/48", RequestOrigins.approximateAddress("::1"));
        assertEquals("0:0:0::/48", RequestOrigins.approximateAddress("0:0:0:0:0:0:0:1"));
        assertEquals("fe80:0:0::/48", RequestOrigins.approximateAddress("[fe80::1%eth0]"));
        assertEquals("unknown", RequestOrigins.approximateAddress(null));
        assertEquals("unknown", RequestOrigins.approximateAddress("not an address"));
        assertEquals("unknown", RequestOrigins.approximateAddress("1::2::3"));
        assertEquals("unknown", RequestOrigins.approximateAddress("1:2:3:4:5:6:7:8:9"));
    }
}
