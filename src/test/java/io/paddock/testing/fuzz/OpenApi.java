package io.paddock.testing.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The operations of an OpenAPI 3 document (JSON), and plausible documents for its schemas. */
public final class OpenApi {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public record Param(String name, String in, JsonNode schema) {
    }

    /** One documented method on one path; {@code body} is the request body's schema, or null. */
    public record Operation(String method, String path, List<Param> params, JsonNode body, Set<String> responses) {

        public String key() {
            return method + " " + path;
        }

        public List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        /** Whether the document says this operation may answer with a redirect. */
        public boolean redirects() {
            return responses.stream().anyMatch(code -> code.startsWith("3"));
        }
    }

    private final JsonNode doc;

    public OpenApi(JsonNode doc) {
        this.doc = doc;
    }

    /** Every operation, sorted by path then method. */
    public List<Operation> operations() {
        Map<String, JsonNode> paths = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> {
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op == null) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : list) {
                        JsonNode param = resolve(p);
                        params.add(new Param(param.path("name").asText(), param.path("in").asText(),
                                resolve(param.path("schema"))));
                    }
                }
                JsonNode body = null;
                JsonNode content = resolve(op.path("requestBody")).path("content");
                if (content.size() > 0) {
                    JsonNode media = content.has("application/json") ? content.get("application/json")
                            : content.elements().next();
                    body = resolve(media.path("schema"));
                }
                Set<String> responses = new LinkedHashSet<>();
                op.path("responses").fieldNames().forEachRemaining(responses::add);
                operations.add(new Operation(method.toUpperCase(), path, List.copyOf(params), body, responses));
            }
        });
        return operations;
    }

    /** The schema a {@code $ref} points to (local references only), else the node itself. */
    public JsonNode resolve(JsonNode node) {
        for (int guard = 0; node != null && node.has("$ref") && guard < 20; guard++) {
            String ref = node.get("$ref").asText();
            node = ref.startsWith("#") ? doc.at(ref.substring(1)) : MissingNode.getInstance();
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /**
     * A plausible value for a schema: the names and formats it documents, filled with values that pass the
     * obvious checks, so that a single mutation of it tests one thing. A property spelled in camelCase is
     * sent in snake_case too, since a server may read either spelling.
     */
    public JsonNode sample(JsonNode schema, String name, SplittableRandom r, int depth) {
        JsonNode s = resolve(schema);
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (s.has(combined) && s.get(combined).size() > 0) {
                s = resolve(s.get(combined).get(0));
            }
        }
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0);
        }
        String type = type(s);
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                Iterator<Map.Entry<String, JsonNode>> properties = s.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> p = properties.next();
                    JsonNode value = sample(p.getValue(), p.getKey(), r, depth + 1);
                    object.set(p.getKey(), value);
                    String snake = snake(p.getKey());
                    if (!object.has(snake)) {
                        object.set(snake, value);
                    }
                }
                if (s.path("additionalProperties").isObject()) {
                    object.set("key", sample(s.get("additionalProperties"), "value", r, depth + 1));
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                if (depth <= 4) {
                    array.add(sample(s.path("items"), name, r, depth + 1));
                }
                return array;
            }
            case "integer":
                return IntNode.valueOf(s.has("minimum") ? Math.max(1, s.get("minimum").asInt()) : 1);
            case "number":
                return DoubleNode.valueOf(1.5);
            case "boolean":
                return BooleanNode.TRUE;
            case "string":
                return TextNode.valueOf(text(s.path("format").asText(""), name == null ? "" : name.toLowerCase(), r));
            default:
                return NODES.objectNode();
        }
    }

    private static String type(JsonNode s) {
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return s.has("properties") ? "object" : "";
    }

    private static String text(String format, String name, SplittableRandom r) {
        if (format.equals("uuid") || name.endsWith("id") && !name.contains("installation")) {
            return new UUID(r.nextLong(), r.nextLong()).toString();
        }
        if (format.equals("date-time") || name.contains("start") || name.endsWith("at") || name.contains("time")) {
            return "2030-01-01T00:00:00Z";
        }
        if (format.equals("date")) {
            return "2030-01-01";
        }
        if (format.equals("email") || name.contains("email")) {
            return "fuzz" + r.nextInt(1_000_000) + "@example.com";
        }
        if (name.contains("password")) {
            return "Fuzz-Passw0rd-" + r.nextInt(1_000_000);
        }
        if (name.contains("twitch") || name.contains("login") || name.contains("username")) {
            return "fuzz_" + r.nextInt(1_000_000);
        }
        if (name.contains("platform")) {
            return "iRacing";
        }
        if (name.contains("version")) {
            return "1.0.0";
        }
        if (name.contains("installation")) {
            return "fuzz-" + r.nextInt(1_000_000);
        }
        return "fuzz";
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
