package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.json.InputLimits;
import io.paddock.platform.json.Json;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: the input limits hold on every endpoint. Every string field of every JSON body and every
 * string query parameter the OpenAPI document lists is sent with a NUL, as a superadmin so that each
 * request gets past authentication; numbers and nesting past the limits are refused on REST bodies too.
 */
@PaddockIT
class InputLimitsIT extends BlackBox {

    private static final String NUL_TEXT = "a\u0000b";

    Http http;
    String[] superadmin;

    @BeforeEach
    void client() {
        http = new Http(base);
        superadmin = http.bearer(http.newUser("superadmin").path("accessToken").asText());
    }

    private JsonNode openApi() {
        Reply reply = http.get("openapi", "Accept", "application/json");
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void everyJsonTextFieldTheOpenApiDocumentListsRefusesNul() {
        JsonNode document = openApi();
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int probes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode schema = op.getValue().path("requestBody").path("content").path("application/json")
                        .path("schema");
                if (schema.isMissingNode()) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                stringFields(document, schema, "", 0, fields);
                for (String field : fields) {
                    probes++;
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    String where = method + " " + path.getKey() + " " + field;
                    Reply reply = http.send(method, concrete(path.getKey()), "application/json",
                            bodyWith(field, NUL_TEXT).toString(), superadmin);
                    if (judge(reply, field, where, failures)) {
                        refused++;
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + probes + " probes failed:\n"
                + String.join("\n", failures));
        assertTrue(refused >= 20, "only " + refused + " of " + probes + " probes reached the body");
    }

    @Test
    void everyStringQueryParameterTheOpenApiDocumentListsRefusesNul() {
        JsonNode document = openApi();
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    JsonNode schema = resolve(document, parameter.path("schema"));
                    if (!parameter.path("in").asText().equals("query") || !schema.path("type").asText().equals("string")) {
                        continue;
                    }
                    String name = parameter.path("name").asText();
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    Reply reply = http.send(method, concrete(path.getKey()) + "?" + name + "=a%00b", null, null,
                            superadmin);
                    if (judge(reply, name, method + " " + path.getKey() + "?" + name, failures)) {
                        refused++;
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(refused >= 3, "only " + refused + " query parameters probed");
    }

    @Test
    void theProbedFieldsAreValidationProblemsNamingTheField() {
        JsonNode organizer = http.newUser("user");
        String[] user = http.bearer(organizer.path("accessToken").asText());
        assertNul(http.send("POST", "api/auth/login", "application/json",
                "{\"email\":\"a\\u0000@example.com\",\"password\":\"secret secret\"}"), "email");
        assertNul(http.send("POST", "api/auth/api-keys", "application/json", "{\"name\":\"key\\u0000\"}", user), "name");
        assertNul(http.send("POST", "api/plugin/installations", "application/json", "{\"installationId\":\"nul-"
                + UUID.randomUUID() + "\",\"pluginVersion\":\"1.2\\u0000\",\"simPlatform\":\"iRacing\"}", user),
                "pluginVersion");
        assertNul(http.send("POST", "api/races", "application/json",
                "{\"name\":\"Race\\u0000\",\"pool_name\":\"standard\"}", user), "name");
        assertNul(http.send("POST", "api/races", "application/json",
                "{\"name\":\"Race\",\"pool_name\":\"standard\\u0000\"}", user), "pool_name");
        // An unpaired surrogate is not text either.
        assertNul(http.send("POST", "api/races", "application/json",
                "{\"name\":\"Race \\ud83c\",\"pool_name\":\"standard\"}", user), "name");
        assertNul(http.get("api/admin/users?q=ali%00ce", superadmin), "q");
    }

    @Test
    void numbersAndNestingPastTheLimitsAreRefusedOnRestBodies() {
        String[] user = http.bearer(http.newUser("user").path("accessToken").asText());
        String deep = "{\"a\":".repeat(InputLimits.MAX_DEPTH + 8) + "1" + "}".repeat(InputLimits.MAX_DEPTH + 8);
        JsonNode nested = Problems.assertProblem(http.send("POST", "api/races", "application/json",
                "{\"name\":\"Deep\",\"pool_name\":\"standard\",\"config\":" + deep + "}", user), 400,
                "/problems/input-limit");
        assertTrue(nested.path("detail").asText().contains("deeper than " + InputLimits.MAX_DEPTH), nested.toString());

        JsonNode tiny = Problems.assertProblem(http.send("POST", "api/races", "application/json",
                "{\"name\":\"Tiny\",\"pool_name\":\"standard\",\"config\":{\"max_participants\":1E-50000000}}", user),
                400, "/problems/input-limit");
        assertEquals("config.max_participants", tiny.path("errors").path(0).path("field").asText(), tiny.toString());
        JsonNode longNumber = Problems.assertProblem(http.send("POST", "api/races", "application/json",
                "{\"name\":\"Long\",\"pool_name\":\"standard\",\"config\":{\"max_participants\":" + "8".repeat(900)
                        + "}}", user), 400, "/problems/input-limit");
        assertEquals("config.max_participants", longNumber.path("errors").path(0).path("field").asText());
    }

    private static void assertNul(Reply reply, String field) {
        JsonNode problem = Problems.assertProblem(reply, 400, "/problems/validation");
        assertEquals(field, problem.path("errors").path(0).path("field").asText(), problem.toString());
    }

    /**
     * No 5xx, always problem+json; a request past authentication (not 401/403) is a 400 validation
     * problem naming the field. Returns whether the request got that far.
     */
    private static boolean judge(Reply reply, String field, String where, List<String> failures) {
        String type = reply.header("Content-Type");
        if (reply.status() == 401 || reply.status() == 403) {
            if (!"application/problem+json".equals(type)) {
                failures.add(where + ": " + reply.status() + " " + type);
            }
            return false;
        }
        JsonNode problem = "application/problem+json".equals(type) ? reply.json() : null;
        if (reply.status() != 400 || problem == null || !"/problems/validation".equals(problem.path("type").asText())
                || !field.equals(problem.path("errors").path(0).path("field").asText())) {
            failures.add(where + ": " + reply.status() + " " + reply.body());
        }
        return true;
    }

    /** A path of the document with each {parameter} filled in (a random id: the body is read first). */
    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()).substring(1);
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** The paths (as problem+json names fields) of the string properties of a schema. */
    private static void stringFields(JsonNode document, JsonNode schema, String path, int depth, List<String> out) {
        JsonNode resolved = resolve(document, schema);
        if (depth > 4) {
            return;
        }
        for (String composed : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : resolved.path(composed)) {
                stringFields(document, part, path, depth + 1, out);
            }
        }
        String type = resolved.path("type").asText();
        if (type.equals("string")) {
            out.add(path.isEmpty() ? "body" : path);
        } else if (type.equals("array")) {
            stringFields(document, resolved.path("items"), path + "[0]", depth + 1, out);
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
                properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            stringFields(document, property.getValue(), path.isEmpty() ? property.getKey()
                    : path + "." + property.getKey(), depth + 1, out);
        }
    }

    /** A body holding only {@code value} at {@code path} ({@code config.name}, {@code tags[0]}). */
    private static JsonNode bodyWith(String path, String value) {
        if (path.equals("body")) {
            return Json.mapper().getNodeFactory().textNode(value);
        }
        ObjectNode root = Json.mapper().createObjectNode();
        JsonNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String name = parts[i];
            int arrays = 0;
            while (name.endsWith("[0]")) {
                name = name.substring(0, name.length() - 3);
                arrays++;
            }
            JsonNode child;
            if (arrays == 0) {
                child = last ? null : Json.mapper().createObjectNode();
            } else {
                ArrayNode array = Json.mapper().createArrayNode();
                ArrayNode innermost = array;
                for (int a = 1; a < arrays; a++) {
                    innermost = innermost.addArray();
                }
                if (last) {
                    innermost.add(value);
                } else {
                    innermost.add(Json.mapper().createObjectNode());
                }
                child = array;
            }
            ObjectNode holder = (ObjectNode) parent;
            if (child == null) {
                holder.put(name, value);
                return root;
            }
            holder.set(name, child);
            if (arrays == 0) {
                parent = child;
            } else {
                JsonNode innermost = child;
                while (innermost.isArray()) {
                    innermost = innermost.get(0);
                }
                if (last) {
                    return root;
                }
                parent = innermost;
            }
        }
        return root;
    }
}
