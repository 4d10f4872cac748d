package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.Problem;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;

/** Black-box: the built WAR answers health, OpenAPI, metrics, pages and problem+json errors. */
@PaddockIT
class PlatformIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddock().addClass(ProbeResource.class).addClass(ProbeResource.Lap.class);
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void readinessIncludesTheDatabase() {
        Reply reply = http.get("health/ready");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("UP", reply.json().path("status").asText());
        boolean database = false;
        for (JsonNode check : reply.json().path("checks")) {
            database |= "database".equals(check.path("name").asText()) && "UP".equals(check.path("status").asText());
        }
        assertTrue(database, reply.body());
        assertEquals("UP", http.get("health/live").json().path("status").asText());
    }

    @Test
    void openApiDocumentsTheEndpointsAndMetricsAreServed() {
        Reply openapi = http.get("openapi");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().contains("/api/info:"), openapi.body());
        assertTrue(openapi.body().contains("title: Paddock API"), openapi.body());
        assertTrue(openapi.body().contains("/.well-known/jwks.json:"), "servlet endpoints are documented too");
        Reply metrics = http.get("metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("# TYPE"), "Prometheus text expected");
    }

    @Test
    void servesTheHomePageAndTheShell() {
        Reply home = http.get("");
        assertEquals(200, home.status());
        assertTrue(home.header("Content-Type").startsWith("text/html"));
        assertTrue(home.body().contains("Your racing community, on one server."));
        assertEquals(200, http.get("js/paddock.js").status());
        assertEquals(200, http.get("css/paddock.css").status());
        Reply missing = http.get("no-such-page.html");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("Off the track."), "the 404 page, not the server's");
    }

    @Test
    void infoReportsNameVersionAndTime() {
        JsonNode info = http.get("api/info").json();
        assertEquals("Paddock", info.path("name").asText());
        assertFalse(info.path("version").asText().isBlank());
        assertTrue(info.path("time").asText().endsWith("Z"), info.toString());
    }

    @Test
    void unknownRouteIsAProblem() {
        Reply reply = http.get("api/no-such-thing");
        assertProblem(reply, 404, "/problems/not-found");
    }

    @Test
    void wrongMethodIsAProblemWithAllow() {
        Reply reply = http.send("DELETE", "api/info", null, null);
        assertProblem(reply, 405, "/problems/method-not-allowed");
        assertTrue(reply.header("Allow").contains("GET"), reply.headers().toString());
    }

    @Test
    void malformedJsonIsAProblem() {
        Reply reply = http.send("POST", "api/test-probe", "application/json", "{\"track\": \"Spa\", ");
        assertProblem(reply, 400, "/problems/malformed-json");
        assertFalse(reply.body().contains("com.fasterxml"), "no parser internals: " + reply.body());
    }

    @Test
    void wrongTypeNamesTheField() {
        Reply reply = http.send("POST", "api/test-probe", "application/json", "{\"track\":\"Spa\",\"laps\":\"many\"}");
        assertProblem(reply, 400, "/problems/malformed-json");
        assertEquals("laps", reply.json().path("errors").path(0).path("field").asText(), reply.body());
    }

    @Test
    void unsupportedMediaTypeIsAProblem() {
        Reply reply = http.send("POST", "api/test-probe", "text/plain", "track=Spa");
        assertProblem(reply, 415, "/problems/unsupported-media-type");
    }

    @Test
    void validationListsEveryField() {
        Reply reply = http.send("POST", "api/test-probe", "application/json", "{\"track\":\" \",\"car\":\"too long\"}");
        assertProblem(reply, 400, "/problems/validation");
        JsonNode errors = reply.json().path("errors");
        assertEquals(3, errors.size(), reply.body());
        assertEquals("car", errors.path(0).path("field").asText());
        assertEquals("laps", errors.path(1).path("field").asText());
        assertEquals("track", errors.path(2).path("field").asText());
        assertFalse(errors.path(0).path("message").asText().isBlank());
    }

    @Test
    void missingBodyIsAValidationProblem() {
        Reply reply = http.send("POST", "api/test-probe", "application/json", "");
        assertEquals(400, reply.status(), reply.body());
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"));
    }

    @Test
    void validBodyRoundTrips() {
        Reply reply = http.send("POST", "api/test-probe", "application/json", "{\"track\":\"Spa\",\"laps\":44}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(44, reply.json().path("laps").asInt());
    }

    @Test
    void businessRefusalsAndLostUpdatesAreConflicts() {
        Reply refusal = http.send("POST", "api/test-probe/fail/conflict", null, null);
        assertProblem(refusal, 409, "/problems/race-not-open");
        assertEquals("The race is running; participants can no longer be added.",
                refusal.json().path("detail").asText());
        assertProblem(http.send("POST", "api/test-probe/fail/lost-update", null, null), 409,
                "/problems/concurrent-update");
    }

    @Test
    void bugsAnswer500WithoutInternals() {
        Reply reply = http.send("POST", "api/test-probe/fail/bug", null, null);
        assertProblem(reply, 500, "/problems/internal-error");
        assertFalse(reply.body().contains("io.paddock"), reply.body());
        assertFalse(reply.body().contains("secret"), reply.body());
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        Reply echoed = http.get("api/no-such-thing", "X-Request-Id", "support-ticket-7");
        assertEquals("support-ticket-7", echoed.header("X-Request-Id"));
        assertEquals("support-ticket-7", echoed.json().path("requestId").asText());
        Reply generated = http.get("api/info");
        assertNotNull(generated.header("X-Request-Id"));
        assertEquals(36, generated.header("X-Request-Id").length());
    }

    private static void assertProblem(Reply reply, int status, String type) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"), reply.body());
        JsonNode problem = reply.json();
        assertEquals(type, problem.path("type").asText(), reply.body());
        assertEquals(status, problem.path("status").asInt());
        assertFalse(problem.path("title").asText().isBlank());
    }
}
