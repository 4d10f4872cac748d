package io.paddock.discord.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who is where: joining order, moving, leaving, a channel gone, a new session's voice states. */
class PresenceTest {

    @Test
    void membersMoveLeaveAndAreReplacedAtANewSession() {
        Presence presence = new Presence();
        presence.joined("1", "a", "Ana");
        presence.joined("1", "b", "Ben");
        presence.joined("2", "a", "Ana");
        assertEquals(List.of(new Presence.Member("b", "Ben")), presence.in("1"));
        assertEquals(List.of(new Presence.Member("a", "Ana")), presence.in("2"));
        presence.left("b");
        assertEquals(List.of(), presence.in("1"));
        presence.channelGone("2");
        assertEquals(List.of(), presence.in("2"));
        presence.replaceAll(Map.of("3", List.of(new Presence.Member("c", "Cy"))));
        assertEquals(List.of(new Presence.Member("c", "Cy")), presence.in("3"));
        presence.joined("4", "d", null);
        assertEquals(List.of(new Presence.Member("d", "d")), presence.in("4"));
    }
}
