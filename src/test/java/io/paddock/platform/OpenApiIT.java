package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.OpenApiDocument;
import io.paddock.testing.PaddockIT;

/**
 * Black-box: {@code /openapi} describes the wire. Real answers of the documented endpoints validate against
 * the document's schemas, the document is standard OpenAPI (Redocly's recommended rules report no error), and
 * every operation says which credentials it takes.
 */
@PaddockIT
class OpenApiIT extends BlackBox {

    /** Redocly CLI, installed from scripts/openapi/package-lock.json by {@code npm ci --prefix scripts/openapi}. */
    static final Path REDOCLY = Path.of("scripts/openapi/node_modules/.bin/redocly");

    Http http;
    OpenApiDocument contract;

    @BeforeEach
    void client() {
        http = new Http(base);
        contract = OpenApiDocument.fetch(http);
    }

    @Test
    void responsesOfTheDocumentedEndpointsMatchTheirSchemas() {
        JsonNode organizer = http.newUser("user", "twitch=" + unique("oa_org"));
        String[] auth = http.bearer(organizer.path("accessToken").asText());
        String participant = unique("oa_run");
        http.newUser("user", "twitch=" + participant);

        get("/api/info", "api/info");
        get("/api/auth/config", "api/auth/config");
        get("/api/auth/me", "api/auth/me", auth);
        get("/api/profile/me", "api/profile/me", auth);
        get("/api/pools", "api/pools");

        post("/api/auth/refresh", "api/auth/refresh",
                "{\"refresh_token\":\"" + organizer.path("refreshToken").asText() + "\"}", 200);

        Reply key = post("/api/auth/api-keys", "api/auth/api-keys", "{\"name\":\"contract key\"}", 201, auth);
        get("/api/auth/api-keys", "api/auth/api-keys", auth);
        get("/api/auth/sessions", "api/auth/sessions", auth);

        Reply race = post("/api/races", "api/races", "{\"name\":\"Contract " + UUID.randomUUID()
                + "\",\"pool_name\":\"standard\",\"config\":{\"show_finished_names\":false,\"max_participants\":4}}",
                201, auth);
        String raceId = race.json().path("id").asText();
        post("/api/races/{raceId}/participants", "api/races/" + raceId + "/participants",
                "{\"twitch_username\":\"" + participant + "\"}", 201, auth);
        post("/api/races/{raceId}/participants", "api/races/" + raceId + "/participants",
                "{\"twitch_username\":\"" + unique("oa_new") + "\"}", 201, auth);
        get("/api/races", "api/races");
        get("/api/races/{raceId}", "api/races/" + raceId, auth);
        post("/api/races/{raceId}/generate-zips", "api/races/" + raceId + "/generate-zips", null, 200, auth);
        post("/api/races/{raceId}/start", "api/races/" + raceId + "/start",
                "{\"scheduled_start\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}", 200, auth);

        post("/api/plugin/installations", "api/plugin/installations",
                "{\"installationId\":\"" + unique("oa-machine") + "\",\"pluginVersion\":\"1.0.0\",\"simPlatform\":\"iRacing\"}",
                201, auth);
        get("/api/plugin/installations", "api/plugin/installations", auth);
        get("/api/results", "api/results", auth);
        get("/api/podiums/leaderboard", "api/podiums/leaderboard");
        get("/api/users/{id}/podiums", "api/users/" + organizer.path("userId").asText() + "/podiums");

        JsonNode support = http.newUser("support");
        get("/api/admin/users", "api/admin/users?q=Test", http.bearer(support.path("accessToken").asText()));
        get("/api/admin/users/{id}", "api/admin/users/" + organizer.path("userId").asText(),
                http.bearer(support.path("accessToken").asText()));

        // Refusals are problem+json, as documented.
        get("/api/races/{raceId}", "api/races/" + UUID.randomUUID());
        get("/api/auth/me", "api/auth/me");
        get("/api/auth/me", "api/auth/me", "Authorization", "Bearer not-a-token");
        post("/api/races", "api/races", "{\"name\":\" \",\"config\":{\"max_participants\":0}}", 400, auth);
        post("/api/races/{raceId}/participants", "api/races/" + raceId + "/participants",
                "{\"twitch_username\":\"" + participant + "\"}", 409, auth);

        assertFalse(key.json().path("key").asText().isEmpty() && key.json().path("secret").asText().isEmpty(),
                "the created key carries its secret: " + key.body());
        assertTrue(contract.checked().size() >= 25, "checked: " + contract.checked());
    }

    @Test
    void theDocumentIsStandardAndEveryOperationDeclaresItsSecurity() {
        JsonNode doc = contract.json();
        List<String> topLevel = new ArrayList<>();
        doc.fieldNames().forEachRemaining(topLevel::add);
        assertFalse(doc.has("endpoints"), "no non-standard top-level properties: " + topLevel);
        for (JsonNode server : doc.path("servers")) {
            assertFalse(server.path("url").asText().endsWith("/"), server.toString());
        }
        assertEquals(1, doc.path("servers").size(), doc.path("servers").toString());
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode op = operation.getValue();
            if (!op.isObject() || !op.has("responses")) {
                return;
            }
            if (!ids.add(op.path("operationId").asText())) {
                problems.add(name + " repeats operationId " + op.path("operationId").asText());
            }
            if (!op.has("security")) {
                problems.add(name + " declares no security");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        JsonNode schemes = doc.path("components").path("securitySchemes");
        for (String scheme : List.of("accessToken", "apiKey", "sessionCookie", "csrfToken", "pluginSignature")) {
            assertTrue(schemes.has(scheme), scheme + " in " + schemes);
        }
        // Access follows the declarations: a user endpoint takes credentials, the plugin's are signed, info is open.
        assertTrue(doc.at("/paths/~1api~1auth~1me/get/security").size() >= 3, doc.at("/paths/~1api~1auth~1me").toString());
        assertTrue(doc.at("/paths/~1api~1plugin~1results/post/security/0").has("pluginSignature"),
                doc.at("/paths/~1api~1plugin~1results").toString());
        // Public: one requirement of no scheme.
        assertEquals("[{}]", doc.at("/paths/~1api~1info/get/security").toString());
        // Snake case where the wire is snake case.
        JsonNode summary = doc.at("/components/schemas/RaceSummary/properties");
        assertTrue(summary.has("scheduled_start") && !summary.has("scheduledStart"), summary.toString());
    }

    @Test
    void redoclyRecommendedRulesReportNoError() throws Exception {
        if (!Files.isExecutable(REDOCLY)) {
            String message = REDOCLY + " is missing: run 'npm ci --prefix scripts/openapi' to lint the OpenAPI document.";
            if ("1".equals(System.getenv("PADDOCK_REQUIRE_LINT"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + " Skipping.");
            Assumptions.abort(message);
        }
        Path out = Path.of("target", "openapi");
        Files.createDirectories(out);
        Path document = out.resolve("openapi.json");
        // The production document: without the test-only endpoints this archive adds.
        ObjectNode served = contract.json().deepCopy();
        ObjectNode paths = (ObjectNode) served.path("paths");
        List<String> testOnly = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> {
            if (path.startsWith("/api/test-support")) {
                testOnly.add(path);
            }
        });
        paths.remove(testOnly);
        Files.writeString(document, served.toPrettyString(), StandardCharsets.UTF_8);
        Path report = out.resolve("redocly-lint.txt");
        ProcessBuilder command = new ProcessBuilder(REDOCLY.toString(), "lint", "--config",
                "scripts/openapi/redocly.yaml", "--format", "stylish", document.toString())
                .redirectErrorStream(true).redirectOutput(report.toFile());
        // Offline and quiet: no usage telemetry, no update check.
        command.environment().put("REDOCLY_TELEMETRY", "off");
        command.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process lint = command.start();
        assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "redocly lint did not finish");
        String output = Files.readString(report, StandardCharsets.UTF_8);
        assertEquals(0, lint.exitValue(), "redocly lint found errors in " + document + ":\n" + output);
        assertTrue(new File(report.toString()).length() > 0, "redocly lint wrote no report");
    }

    private void get(String template, String path, String... headers) {
        Reply reply = http.get(path, headers);
        contract.checkResponse("GET", template, reply);
    }

    private Reply post(String template, String path, String body, int expected, String... headers) {
        if (body != null) {
            contract.checkRequest("POST", template, body);
        }
        Reply reply = http.send("POST", path, body == null ? null : "application/json", body, headers);
        assertEquals(expected, reply.status(), "POST " + path + ": " + reply.body());
        contract.checkResponse("POST", template, reply);
        return reply;
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
