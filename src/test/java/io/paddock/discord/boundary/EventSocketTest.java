package io.paddock.discord.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The socket's topics, its same-origin rule and its cookie reading. */
class EventSocketTest {

    @Test
    void topicsMapToHubChannelsAndAnythingElseIsRefused() {
        UUID race = UUID.randomUUID();
        assertEquals("discord:guild", EventSocket.channelOf("guild"));
        assertEquals("discord:room:123", EventSocket.channelOf("room:123"));
        assertEquals("discord:race:" + race, EventSocket.channelOf("race:" + race));
        assertNull(EventSocket.channelOf("room:12a"));
        assertNull(EventSocket.channelOf("room:" + "1".repeat(21)));
        assertNull(EventSocket.channelOf("race:nope"));
        assertNull(EventSocket.channelOf("discord:guild"));
        assertNull(EventSocket.channelOf(""));
    }

    @Test
    void onlyAnOriginOfTheSameHostAndPortIsSameOrigin() {
        assertTrue(EventSocket.sameOrigin("http://localhost:8080", "localhost:8080"));
        assertTrue(EventSocket.sameOrigin("https://paddock.example", "paddock.example"));
        assertFalse(EventSocket.sameOrigin("http://evil.example:8080", "localhost:8080"));
        assertFalse(EventSocket.sameOrigin("http://localhost:8081", "localhost:8080"));
        assertFalse(EventSocket.sameOrigin("null", "localhost:8080"));
        assertFalse(EventSocket.sameOrigin("http://[bad", "localhost:8080"));
    }

    @Test
    void theSessionCookieIsFoundAmongOthers() {
        Map<String, List<String>> headers = Map.of("cookie", List.of("a=1; paddock_session=abc; paddock_csrf=x"));
        assertEquals("abc", EventSocket.cookie(headers, "paddock_session"));
        assertNull(EventSocket.cookie(Map.of("Cookie", List.of("paddock_sessionx=1")), "paddock_session"));
        assertNull(EventSocket.cookie(Map.of(), "paddock_session"));
    }
}
