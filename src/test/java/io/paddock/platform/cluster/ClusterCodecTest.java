package io.paddock.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paddock.platform.websocket.Broadcast;
import io.paddock.platform.websocket.Message;

/** What travels between nodes: Paddock's and the JDK's values come back equal; other classes are refused. */
class ClusterCodecTest {

    @Test
    void aBroadcastWithVariantsComesBackEqual() {
        Broadcast sent = new Broadcast("race:1:spectators", "spectator_count",
                Message.of("{\"type\":\"x\"}").withVariant("insiders", "{\"type\":\"y\"}"));
        Object back = Cluster.decode(Cluster.encode(sent));
        assertEquals(sent, back);
        assertEquals("{\"type\":\"y\"}", ((Broadcast) back).message().textFor("insiders"));
    }

    @Test
    void jdkCollectionsComeBack() {
        ArrayList<Object> sent = new ArrayList<>(List.of(Map.of("a", 1L), new long[] {1, 2}.length));
        assertEquals(sent, Cluster.decode(Cluster.encode(sent)));
    }

    @Test
    void classesOutsidePaddockAndTheJdkAreRefused() {
        byte[] foreign = Cluster.encode(new javax.naming.NamingException("not ours"));
        assertThrows(IllegalStateException.class, () -> Cluster.decode(foreign));
    }
}
