package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustTheSocketPeerIsTheClient() {
        assertEquals("10.0.0.9", ClientAddress.of("10.0.0.9", "203.0.113.7", false));
    }

    @Test
    void behindTheProxyTheEntryItAppendedIsTheClientNotOneTheClientWrote() {
        assertEquals("198.51.100.4", ClientAddress.of("10.0.0.1", "1.2.3.4, 198.51.100.4", true));
        assertEquals("198.51.100.4", ClientAddress.of("10.0.0.1", "198.51.100.4", true));
    }

    @Test
    void anEmptyOrMissingHeaderFallsBackToThePeer() {
        assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", null, true));
        assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", " , ", true));
    }
}
