package io.paddock.discord.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.InvalidRequestException;

/** The signing example of docs/api/discord.md, byte for byte, and what the event parser refuses. */
class EventSignaturesTest {

    static final String BODY = "{\"v\":1,\"type\":\"event\",\"event\":\"voice.joined\",\"payload\":{\"guildId\":"
            + "\"900000000000000001\",\"channelId\":\"900000000000000004\",\"userId\":\"920000000000000007\","
            + "\"name\":\"ana\"},\"ts\":1767225600000}";

    @Test
    void theDocumentedExampleSignsToTheDocumentedHex() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals(183, body.length);
        assertEquals("61b3e73a37d1566704bccc77cd6a7d7c3cca88d679340903c302d18080dde2d5",
                EventSignatures.sign("example-secret".getBytes(StandardCharsets.UTF_8), "1767225600", body));
    }

    @Test
    void theExampleParsesToAVoiceJoin() {
        DiscordEvent event = InternalEvents.parse(BODY.getBytes(StandardCharsets.UTF_8));
        assertEquals(new DiscordEvent("voice.joined", "900000000000000001", "900000000000000004",
                "920000000000000007", "ana"), event);
    }

    @Test
    void voiceLeftMayHaveNoChannelButOtherEventsNeedOne() {
        DiscordEvent left = InternalEvents.parse(("{\"v\":1,\"type\":\"event\",\"event\":\"voice.left\",\"payload\":"
                + "{\"guildId\":\"1\",\"channelId\":null,\"userId\":\"3\"},\"ts\":0}").getBytes(StandardCharsets.UTF_8));
        assertNull(left.channelId());
        assertThrows(InvalidRequestException.class, () -> InternalEvents.parse(("{\"v\":1,\"type\":\"event\","
                + "\"event\":\"voice.joined\",\"payload\":{\"guildId\":\"1\",\"userId\":\"3\"}}").getBytes()));
        assertThrows(InvalidRequestException.class, () -> InternalEvents.parse(("{\"v\":2,\"type\":\"event\","
                + "\"event\":\"room.created\",\"payload\":{\"guildId\":\"1\",\"channelId\":\"2\"}}").getBytes()));
        assertThrows(InvalidRequestException.class, () -> InternalEvents.parse(("{\"v\":1,\"type\":\"event\","
                + "\"event\":\"room.created\",\"payload\":{\"guildId\":1,\"channelId\":\"2\"}}").getBytes()));
        assertThrows(InvalidRequestException.class, () -> InternalEvents.parse("[1]".getBytes()));
        assertThrows(InvalidRequestException.class, () -> InternalEvents.parse("not json".getBytes()));
    }
}
