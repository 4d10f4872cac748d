package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.InvalidRequestException;

class MagnetLinkTest {

    static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void readsHashNameTrackersAndPeers() {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=My%20Pack"
                + "&tr=udp%3A%2F%2Ftracker.example%3A1337&x.pe=127.0.0.1:6881&xl=10");
        assertEquals(HASH, link.infoHash());
        assertEquals("My Pack", link.displayName());
        assertEquals(List.of("udp://tracker.example:1337"), link.trackers());
        assertEquals(List.of("127.0.0.1:6881"), link.peers());
        assertEquals(link, MagnetLink.parse(link.canonical()));
    }

    @Test
    void base32HashesBecomeHex() {
        // 20 bytes of 0x00 are 32 'A's in base32.
        assertEquals("0".repeat(40), MagnetLink.parse("magnet:?xt=urn:btih:" + "A".repeat(32)).infoHash());
    }

    @Test
    void malformedLinksAreInvalidMagnetProblems() {
        for (String bad : List.of("", "http://x", "magnet:?dn=x", "magnet:?xt=urn:btih:123",
                "magnet:?xt=urn:btih:" + HASH + "&xt=urn:btih:" + HASH, "magnet:?xt=urn:btih:" + HASH + "&noequals",
                "magnet:?xt=urn:btih:" + HASH + "&tr=file%3A%2F%2Fetc", "magnet:?xt=urn:btih:" + HASH + "&x.pe=host",
                "magnet:?xt=urn:btih:" + HASH + "&x.pe=host:99999", "magnet:?xt=urn:btih:" + HASH + "&dn=%ZZ",
                "magnet:?xt=urn:btih:" + HASH + "&dn=a%0Ab")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> MagnetLink.parse(bad), bad);
            assertEquals("invalid-magnet", e.slug(), bad);
        }
    }
}
