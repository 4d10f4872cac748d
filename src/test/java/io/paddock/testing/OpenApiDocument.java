package io.paddock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.paddock.platform.json.Json;

/**
 * The served {@code /openapi} document as a contract: request and response bodies are validated against the
 * schema it gives for their operation and status, with the OpenAPI 3.0 dialect of a JSON-Schema validator.
 * <p>
 * Validation is closed-world: an object schema that lists properties admits no others. The document itself
 * leaves objects open (clients of newer versions may meet new fields); the test holds it to naming every field
 * the server actually sends or reads, which is what a generated client relies on.
 */
public final class OpenApiDocument {

    private static final String REF = "#/components/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getOpenApi30());

    private final JsonNode document;
    private final TreeSet<String> checked = new TreeSet<>();

    public OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    /** Fetches {@code /openapi} as JSON. */
    public static OpenApiDocument fetch(Http http) {
        Http.Reply reply = http.get("openapi", "Accept", "application/json");
        assertEquals(200, reply.status(), reply.body());
        return new OpenApiDocument(reply.json());
    }

    public JsonNode json() {
        return document;
    }

    /** "METHOD /path/template status" of every response checked so far. */
    public TreeSet<String> checked() {
        return checked;
    }

    /** Validates a request body against the operation's request schema. */
    public void checkRequest(String method, String template, String body) {
        JsonNode operation = operation(method, template);
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            fail(method + " " + template + " documents no JSON request body, but the client sends " + body);
        }
        validate(method + " " + template + " request", schema, parse(body));
    }

    /** Validates a reply against the response the document gives for its status (exact, else range, else default). */
    public void checkResponse(String method, String template, Http.Reply reply) {
        JsonNode operation = operation(method, template);
        JsonNode responses = operation.path("responses");
        String status = Integer.toString(reply.status());
        JsonNode response = responses.path(status);
        if (response.isMissingNode()) {
            response = responses.path(status.charAt(0) + "XX");
        }
        if (response.isMissingNode()) {
            response = responses.path("default");
        }
        boolean hasBody = reply.body() != null && !reply.body().isEmpty();
        if (response.isMissingNode()) {
            fail(method + " " + template + " answered " + status + ", which the document does not list: "
                    + responses.fieldNames().next() + "…; body " + reply.body());
        }
        checked.add(method + " " + template + " " + status);
        if (!hasBody) {
            return;
        }
        String contentType = reply.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonNode content = response.path("content");
        JsonNode schema = content.path(mediaType).path("schema");
        if (schema.isMissingNode()) {
            fail(method + " " + template + " " + status + " answered " + mediaType + ", but the document lists "
                    + fieldNames(content) + " with a schema for it; body " + reply.body());
        }
        validate(method + " " + template + " " + status, schema, parse(reply.body()));
    }

    private JsonNode operation(String method, String template) {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            fail("The document has no operation " + method + " " + template + "; paths: "
                    + fieldNames(document.path("paths")));
        }
        return operation;
    }

    private void validate(String what, JsonNode schema, JsonNode instance) {
        JsonNode resolved = closed(schema, 0);
        Schema validator = REGISTRY.getSchema(resolved);
        List<Error> errors = validator.validate(instance);
        assertTrue(errors.isEmpty(), what + " does not match the document: " + errors + "\nbody: " + instance
                + "\nschema: " + resolved);
    }

    /** The schema with every component reference copied in, and every object schema with properties closed. */
    private JsonNode closed(JsonNode schema, int depth) {
        if (depth > 32) {
            throw new AssertionError("Schema references nest deeper than 32 levels: " + schema);
        }
        if (schema.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            schema.forEach(item -> items.add(closed(item, depth + 1)));
            return Json.mapper().valueToTree(items);
        }
        if (!schema.isObject()) {
            return schema;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            String name = ref.asText();
            assertTrue(name.startsWith(REF), "Only component references are expected: " + name);
            JsonNode target = document.path("components").path("schemas").path(name.substring(REF.length()));
            assertTrue(!target.isMissingNode(), "The document refers to a missing schema " + name);
            return closed(target, depth + 1);
        }
        ObjectNode copy = Json.mapper().createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("properties")) {
                ObjectNode properties = copy.putObject("properties");
                field.getValue().fields().forEachRemaining(
                        property -> properties.set(property.getKey(), closed(property.getValue(), depth + 1)));
            } else if (field.getKey().equals("example") || field.getKey().equals("examples")) {
                copy.set(field.getKey(), field.getValue());
            } else {
                copy.set(field.getKey(), closed(field.getValue(), depth + 1));
            }
        }
        if (copy.has("properties") && !copy.has("additionalProperties")) {
            copy.put("additionalProperties", false);
        }
        return copy;
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
