package io.paddock.racing.control;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
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
     * The node ids of one graph (the only zones a participant can enter), their layers (nodes without
     * an integer layer have none) and the optional {@code event_map} (flag id → node id).
     */
    public record Graph(Set<String> nodes, Map<String, Integer> layers, Map<String, String> events) {

        public boolean has(String node) {
            return nodes.contains(node);
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
        try {
            JsonNode graph = Json.mapper().readTree(json);
            JsonNode nodes = graph.path("nodes");
            if (nodes.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = nodes.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> node = it.next();
                    ids.add(node.getKey());
                    if (node.getValue().path("layer").isInt()) {
                        layers.put(node.getKey(), node.getValue().path("layer").asInt());
                    }
                }
            } else if (nodes.isArray()) {
                for (JsonNode node : nodes) {
                    if (node.path("id").isTextual()) {
                        ids.add(node.path("id").asText());
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
        return new Graph(Set.copyOf(ids), Map.copyOf(layers), Map.copyOf(events));
    }
}
