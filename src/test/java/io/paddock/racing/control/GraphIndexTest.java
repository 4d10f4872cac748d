package io.paddock.racing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class GraphIndexTest {

    @Test
    void gameZoneIdsMeanTheNodeThatListsThem() {
        GraphIndex.Graph graph = GraphIndex.parse("""
                {"nodes": {"start": {"zones": ["chapel", 1000], "layer": 0},
                           "a": {"zones": ["stormveil", "chapel"], "layer": 1},
                           "b": {"layer": 2}}}
                """);
        assertEquals(Optional.of("a"), graph.node("a"), "a node id stays itself");
        assertEquals(Optional.of("a"), graph.node("stormveil"));
        assertEquals(Optional.of("start"), graph.node("chapel"), "a zone two nodes list belongs to the first");
        assertEquals(Optional.of("start"), graph.node("1000"), "numeric zone ids as text");
        assertEquals(Optional.empty(), graph.node("limgrave"));
        assertEquals(Optional.empty(), graph.node(null));
    }

    @Test
    void nodesGivenAsAListHaveTheirZonesToo() {
        GraphIndex.Graph graph = GraphIndex.parse("""
                {"nodes": [{"id": "x", "zones": ["m60_42"], "layer": 3}]}
                """);
        assertEquals(Optional.of("x"), graph.node("m60_42"));
        assertEquals(3, graph.layers().get("x"));
    }
}
