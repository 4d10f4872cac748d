package io.paddock.discord.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Who is where: joining order, moving, leaving, a channel gone, a new session's voice states; in a
 * cluster, every node (a loopback of two here) holds the same, and a node that joins gets everything.
 */
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

    @Test
    void theChannelAMemberIsInRoutesALeaveThatDoesNotSayWhichChannel() {
        Presence presence = new Presence();
        presence.joined("1", "a", "Ana");
        presence.joined("2", "a", "Ana");
        assertEquals(java.util.Optional.of("2"), presence.channelOf("a"));
        assertEquals(java.util.Optional.empty(), presence.channelOf("b"));
        presence.left("a");
        assertEquals(java.util.Optional.empty(), presence.channelOf("a"));
    }

    @Test
    void everyNodeOfAClusterHoldsTheSamePresence() {
        java.util.List<java.util.function.Consumer<Object>> topic = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<java.util.function.Consumer<String>> joins = new java.util.ArrayList<>();
        Presence leader = node(topic, joins, true);
        Presence follower = node(topic, joins, false);
        leader.replaceAll(Map.of("1", List.of(new Presence.Member("a", "Ana"))));
        leader.joined("1", "b", "Ben");
        leader.joined("2", "a", "Ana");
        assertEquals(List.of(new Presence.Member("b", "Ben")), follower.in("1"));
        assertEquals(List.of(new Presence.Member("a", "Ana")), follower.in("2"));
        leader.left("b");
        assertEquals(List.of(), follower.in("1"));

        Presence late = node(topic, joins, false);
        assertEquals(List.of(), late.in("2"));
        joins.forEach(joined -> joined.accept("late-node"));
        assertEquals(List.of(new Presence.Member("a", "Ana")), late.in("2"));
    }

    static Presence node(java.util.List<java.util.function.Consumer<Object>> topic,
            java.util.List<java.util.function.Consumer<String>> joins, boolean leading) {
        Presence presence = new Presence();
        presence.cluster = new io.paddock.platform.cluster.Cluster() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public void publish(String name, java.io.Serializable message) {
                assertEquals(Presence.TOPIC, name);
                topic.forEach(listener -> listener.accept(message));
            }

            @Override
            public void subscribe(String name, java.util.function.Consumer<Object> listener) {
                topic.add(listener);
            }

            @Override
            public void onMembers(java.util.function.Consumer<String> joined, java.util.function.Consumer<String> left) {
                joins.add(joined);
            }
        };
        presence.leadership = new io.paddock.platform.cluster.Leadership() {
            @Override
            public boolean leading() {
                return leading;
            }
        };
        presence.atStartup(new Object());
        return presence;
    }
}
