package io.paddock.testing.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.paddock.platform.json.Json;

/**
 * Generators of bad input, each drawing from a caller's seeded random so that a seed always yields the
 * same inputs. Numbers and strings that a JSON tree cannot hold as written (1E-50000000, lone surrogates,
 * escaped NULs) are spliced into the serialised document as raw text.
 */
public final class BadInputs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "@@fuzz-raw-";
    static final String DIGITS_900 = "9".repeat(900);

    /** Numbers far beyond int, long and double; exponents stay where a plain rendering costs memory, not the heap. */
    public static final List<String> HUGE = List.of("1E400", "-1E400", "1E+50000000", DIGITS_900, "-" + DIGITS_900,
            "9223372036854775808", "-9223372036854775809", "2147483648", "1.7976931348623157E309",
            "123456789012345678901234567890.123456789");
    public static final List<String> TINY = List.of("1E-50000000", "-1E-50000000", "1E-400", "4.9E-325", "-0.0",
            "0." + "0".repeat(900) + "1", "-1", "-2147483649", "0");
    /** JSON string literals (escapes as written) with NULs, control characters and lone surrogates. */
    public static final List<String> NUL = List.of("\"a\\u0000b\"", "\"\\u0000\"", "\"" + "\\u0000".repeat(20) + "\"",
            "\"x\\u0001\\u0002\\u001f\\u007f\"", "\"\\ud800\"", "\"\\udfff\\ud800x\"", "\"\\u202etxt\"", "\"\\ufeff\"",
            "\"name\\u0000" + "b".repeat(40) + "\"", "\"%00\"", "\"\\\\u0000\"", "\"\\u0000@example.com\"");
    public static final List<Integer> LONG = List.of(300, 1_000, 5_000, 20_000, 70_000, 200_000);

    private BadInputs() {
    }

    public static <T> T pick(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }

    /** A long JSON string literal of about {@code length} characters (ASCII, accented or astral). */
    public static String longString(int length, SplittableRandom r) {
        String unit = pick(List.of("a", "é", "\uD83D\uDE00", "ab\\n"), r);
        return "\"" + unit.repeat(Math.max(1, length / unit.length())) + "\"";
    }

    /**
     * {@code base} changed by one input of {@code kind} (a document kind, see {@link Kind#DOCUMENT}), as text.
     * {@code maxChars} bounds long strings (sockets refuse frames above their limit before reading them).
     */
    public static String mutate(JsonNode base, Kind kind, SplittableRandom r, int maxChars) {
        if (kind == Kind.MALFORMED_JSON) {
            return malformed(write(base), r, maxChars);
        }
        List<String> raws = new ArrayList<>();
        JsonNode doc = base.deepCopy();
        switch (kind) {
            case WRONG_TYPE -> {
                List<List<Object>> spots = spots(doc);
                if (spots.isEmpty() || r.nextInt(8) == 0) {
                    doc = wrongType(doc, r);
                } else {
                    List<Object> spot = pick(spots, r);
                    doc = set(doc, spot, wrongType(get(doc, spot), r));
                }
            }
            case MISSING_FIELD -> {
                List<List<Object>> fields = spots(doc).stream().filter(s -> s.get(s.size() - 1) instanceof String)
                        .toList();
                if (fields.isEmpty()) {
                    return pick(List.of("null", "{}", "[]"), r);
                }
                if (r.nextInt(5) == 0 && doc.isObject()) {
                    return "{}";
                }
                remove(doc, pick(fields, r));
            }
            case EXTRA_FIELD -> {
                List<ObjectNode> objects = new ArrayList<>();
                collectObjects(doc, objects);
                if (objects.isEmpty()) {
                    return pick(List.of("{\"extra\":1}", "[" + write(doc) + ",1]"), r);
                }
                ObjectNode target = pick(objects, r);
                String name = pick(List.of("extra", "__proto__", "constructor", "@class", "$ref", "type", "id",
                        "a".repeat(300), "", "é\u00e8", "nul\u0000name", "version", "role", "admin"), r);
                target.set(name, pick(List.of(IntNode.valueOf(1), TextNode.valueOf("x"), NODES.objectNode(),
                        NODES.arrayNode(), NullNode.getInstance(), BooleanNode.TRUE,
                        (JsonNode) NODES.objectNode().set("nested", NODES.objectNode().set("deep",
                                NODES.arrayNode().add(1).add(2)))), r));
                String text = write(doc);
                if (r.nextInt(4) == 0 && doc.isObject() && doc.size() > 0) {
                    // A duplicate key: the same name twice, the second with another value.
                    String first = doc.fieldNames().next();
                    return "{" + Json.mapper().valueToTree(first).toString() + ":\"duplicate\"," + text.substring(1);
                }
                return text;
            }
            case HUGE_NUMBER, TINY_NUMBER -> {
                String number = pick(kind == Kind.HUGE_NUMBER ? HUGE : TINY, r);
                doc = placeRaw(doc, number, JsonNode::isNumber, raws, r);
            }
            case LONG_STRING -> {
                int length = Math.min(pick(LONG, r), Math.max(10, maxChars - 100));
                doc = placeRaw(doc, longString(length, r), JsonNode::isTextual, raws, r);
            }
            case NUL_STRING -> doc = placeRaw(doc, pick(NUL, r), JsonNode::isTextual, raws, r);
            default -> throw new IllegalArgumentException(kind + " is not a document kind");
        }
        String text = write(doc);
        for (int i = 0; i < raws.size(); i++) {
            text = text.replace("\"" + MARK + i + "\"", raws.get(i));
        }
        return text;
    }

    /** Replaces a value (preferably one that {@code prefer} accepts) or the whole document with raw text. */
    private static JsonNode placeRaw(JsonNode doc, String raw, java.util.function.Predicate<JsonNode> prefer,
            List<String> raws, SplittableRandom r) {
        TextNode mark = TextNode.valueOf(MARK + raws.size());
        raws.add(raw);
        List<List<Object>> spots = spots(doc);
        if (spots.isEmpty() || r.nextInt(10) == 0) {
            if (doc.isObject() && r.nextBoolean()) {
                ((ObjectNode) doc).set(pick(List.of("version", "limit", "value"), r), mark);
                return doc;
            }
            return mark;
        }
        List<List<Object>> preferred = spots.stream().filter(s -> prefer.test(get(doc, s))).toList();
        List<Object> spot = !preferred.isEmpty() && r.nextInt(10) < 8 ? pick(preferred, r) : pick(spots, r);
        return set(doc, spot, mark);
    }

    private static JsonNode wrongType(JsonNode current, SplittableRandom r) {
        List<JsonNode> candidates = List.of(TextNode.valueOf("text"), IntNode.valueOf(7), DoubleNode.valueOf(1.5),
                BooleanNode.TRUE, NullNode.getInstance(), NODES.arrayNode(), NODES.objectNode(),
                NODES.arrayNode().add(1).add("a").addNull(), NODES.objectNode().set("a", NODES.objectNode()),
                TextNode.valueOf(""), IntNode.valueOf(-1));
        for (int tries = 0; tries < 20; tries++) {
            JsonNode candidate = pick(candidates, r);
            if (current == null || candidate.getNodeType() != current.getNodeType()) {
                return candidate;
            }
        }
        return NullNode.getInstance();
    }

    private static String malformed(String text, SplittableRandom r, int maxChars) {
        int depth = Math.min(100_000, maxChars - 10);
        return switch (r.nextInt(24)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> text.substring(0, r.nextInt(Math.max(1, text.length())));
            case 3 -> text + "}";
            case 4 -> text + " garbage";
            case 5 -> "{'a':1}";
            case 6 -> "{\"a\":NaN}";
            case 7 -> "{\"a\":-Infinity}";
            case 8 -> "{\"a\":01}";
            case 9 -> "{\"a\":1,}";
            case 10 -> "[".repeat(depth);
            case 11 -> "{\"a\":".repeat(depth / 5) + "1" + "}".repeat(depth / 5);
            case 12 -> "{\"a\":\"raw\u0000nul\"}";
            case 13 -> "\uFEFF" + text;
            case 14 -> "{\"a\":\"\\uZZZZ\"}";
            case 15 -> "{a:1}";
            case 16 -> "/* comment */" + text;
            case 17 -> text + text;
            case 18 -> "\"just a string\"";
            case 19 -> "nul";
            case 20 -> "{\"a\" 1}";
            case 21 -> "<xml/>";
            case 22 -> text.replace(':', '=');
            default -> "\u0000\u0001\u0002";
        };
    }

    static String write(JsonNode doc) {
        try {
            return Json.mapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Paths (field names and array indexes) of every value below the root. */
    static List<List<Object>> spots(JsonNode doc) {
        List<List<Object>> out = new ArrayList<>();
        collect(doc, List.of(), out);
        return out;
    }

    private static void collect(JsonNode node, List<Object> prefix, List<List<Object>> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                List<Object> path = append(prefix, name);
                out.add(path);
                collect(node.get(name), path, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = append(prefix, i);
                out.add(path);
                collect(node.get(i), path, out);
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, out));
    }

    private static List<Object> append(List<Object> prefix, Object step) {
        List<Object> path = new ArrayList<>(prefix);
        path.add(step);
        return path;
    }

    private static JsonNode get(JsonNode doc, List<Object> path) {
        JsonNode node = doc;
        for (Object step : path) {
            node = step instanceof String name ? node.get(name) : node.get((Integer) step);
        }
        return node;
    }

    private static JsonNode set(JsonNode doc, List<Object> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = get(doc, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        return doc;
    }

    private static void remove(JsonNode doc, List<Object> path) {
        JsonNode parent = get(doc, path.subList(0, path.size() - 1));
        if (parent instanceof ObjectNode object) {
            object.remove((String) path.get(path.size() - 1));
        }
    }
}
