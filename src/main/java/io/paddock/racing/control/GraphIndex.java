package io.paddock.racing.control;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;
import io.paddock.racing.entity.Seed;

/**
 * The nodes of a seed's graph, the layer of each and the node of each event flag, per seed, parsed
 * once: mods report zones and flags many times a second and the graph never changes.
 */
@ApplicationScoped
public class GraphIndex {

    /**
     * The node ids of one graph, their layers (nodes without an integer layer have none), the
     * optional {@code event_map} (flag id → node id) and the game's zone ids that each node lists in
     * its {@code zones} (zone id → node id; a zone listed by two nodes belongs to the first).
     */
    public record Graph(Set<String> nodes, Map<String, Integer> layers, Map<String, String> events,
            Map<String, String> zones) {

        public boolean has(String node) {
            return nodes.contains(node);
        }

        /** The node a mod's zone means: a node id as it is, a game zone id through the nodes' zones lists. */
        public Optional<String> node(String zone) {
            if (zone == null) {
                return Optional.empty();
            }
            return nodes.contains(zone) ? Optional.of(zone) : Optional.ofNullable(zones.get(zone));
        }
    }

    private final Map<UUID, Graph> graphs = new ConcurrentHashMap<>();

    public Graph of(Seed seed) {
        return graphs.computeIfAbsent(seed.id(), id -> parse(seed.graphJson()));
    }

    static Graph parse(String json) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> layers = new HashMap<>();
        Map<String, String> events = new HashMap<>();
        Map<String, String> zones = new HashMap<>();
        try {
            JsonNode graph = Json.mapper().readTree(json);
            JsonNode nodes = graph.path("nodes");
            if (nodes.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = nodes.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> node = it.next();
                    ids.add(node.getKey());
                    zonesOf(node.getKey(), node.getValue(), zones);
                    if (node.getValue().path("layer").isInt()) {
                        layers.put(node.getKey(), node.getValue().path("layer").asInt());
                    }
                }
            } else if (nodes.isArray()) {
                for (JsonNode node : nodes) {
                    if (node.path("id").isTextual()) {
                        ids.add(node.path("id").asText());
                        zonesOf(node.path("id").asText(), node, zones);
                    }
                    if (node.path("id").isTextual() && node.path("layer").isInt()) {
                        layers.put(node.path("id").asText(), node.path("layer").asInt());
                    }
                }
            }
            JsonNode eventMap = graph.path("event_map");
            if (eventMap.isObject()) {
                eventMap.fields().forEachRemaining(e -> events.put(e.getKey(), e.getValue().asText()));
            }
        } catch (IOException e) {
            // A stored graph was valid JSON when scanned; an unreadable one just has no layers.
        }
        return new Graph(Set.copyOf(ids), Map.copyOf(layers), Map.copyOf(events), Map.copyOf(zones));
    }

    private static void zonesOf(String nodeId, JsonNode node, Map<String, String> zones) {
        for (JsonNode zone : node.path("zones")) {
            if (zone.isTextual() || zone.isIntegralNumber()) {
                zones.putIfAbsent(zone.asText(), nodeId);
            }
        }
    }
}
