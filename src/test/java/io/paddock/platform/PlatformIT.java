package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

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
import io.paddock.testing.Problems;
import io.paddock.testing.RawHttp;

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
        assertTrue(home.body().contains("<h1>Races</h1>"), "the home page is the race list");
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

    // --- answers the container would give itself -------------------------------------------------

    @Test
    void malformedUrlsUnderApiAreProblems() {
        RawHttp raw = new RawHttp(base);
        for (String target : List.of("/api/races/a%2Fb", "/api/races/a%2fb", "/api/..%2Finfo", "/api/%2e%2e/info",
                "/api/races/%2E", "/api/../info", "/api/races/./x", "/api/races/%0A", "/api/races/a%0d%0ab",
                "/api/races/%7F", "/api/info?x=%ZZ", "/api/info?x=%", "/api/info?x=%C3")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                RawHttp.Reply reply = raw.send(method, target, "X-Request-Id: malformed-1");
                String what = method + " " + target + " -> " + reply;
                assertEquals(400, reply.status(), what);
                assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"), what);
                assertEquals("/problems/malformed-url", reply.json().path("type").asText(), what);
                assertEquals(400, reply.json().path("status").asInt(), what);
                assertEquals("malformed-1", reply.json().path("requestId").asText(), what);
                reply.assertNamesNoServer(what);
            }
        }
    }

    /**
     * What Payara's own decoder refuses before any code of ours runs (broken percent-encoding, NUL, bytes
     * that are not UTF-8, backslashes, a path above the root): no setting changes those answers (see
     * docs/operations.md), but they must not name the server or serve its error page.
     */
    @Test
    void urlsTheContainerRefusesItselfNameNoServer() {
        RawHttp raw = new RawHttp(base);
        for (String target : List.of("/%", "/api/races/%ZZ", "/api/races/%0", "/api/races/%00", "/index.html%00",
                "/api/races/%C0%AF", "/api/races/%FF", "/api/races/a%5Cb", "/..%2Findex.html", "/%2e%2e/x")) {
            RawHttp.Reply reply = raw.send("PUT", target);
            String what = "PUT " + target + " -> " + reply;
            assertEquals("", reply.body(), what);
            reply.assertNamesNoServer(what);
        }
    }

    @Test
    void malformedPageUrlsGetTheSiteErrorPage() {
        RawHttp raw = new RawHttp(base);
        for (String target : List.of("/a%2Fb", "/css/%2e%2e/index.html", "/css/./paddock.css", "/a%0d%0ab",
                "/index.html?x=%ZZ", "/auth/discord%2Fx")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                RawHttp.Reply reply = raw.send(method, target);
                String what = method + " " + target + " -> " + reply;
                assertEquals(400, reply.status(), what);
                assertTrue(reply.header("Content-Type").startsWith("text/html"), what);
                assertTrue(reply.body().contains("Red flag."), "the site's error page: " + what);
                reply.assertNamesNoServer(what);
            }
        }
    }

    @Test
    void containerRefusalsOnPagesAreTheSitePages() {
        RawHttp raw = new RawHttp(base);
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            RawHttp.Reply reply = raw.send(method, "/index.html");
            String what = method + " /index.html -> " + reply;
            assertTrue(reply.status() >= 400, what);
            assertTrue(reply.header("Content-Type").startsWith("text/html"), what);
            assertTrue(reply.body().contains("Red flag."), "the site's error page: " + what);
            reply.assertNamesNoServer(what);
        }
        RawHttp.Reply missing = raw.send("DELETE", "/no-such-page.html");
        assertTrue(missing.body().contains("Red flag."), missing.toString());
        missing.assertNamesNoServer(missing.toString());
    }

    @Test
    void everyAnswerUnderApiIsAProblem() {
        RawHttp raw = new RawHttp(base);
        for (String[] request : new String[][] {{"GET", "/api"}, {"GET", "/api/"}, {"PUT", "/api/info"},
                {"PATCH", "/api/info"}, {"OPTIONS", "/api/info"}, {"GET", "/api/application.wadl"},
                {"GET", "/api/application.wadl?detail=true"}, {"GET", "/api/no-such-thing"},
                {"DELETE", "/api/races"}}) {
            RawHttp.Reply reply = raw.send(request[0], request[1]);
            String what = request[0] + " " + request[1] + " -> " + reply;
            assertTrue(reply.status() >= 400, what);
            assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"), what);
            assertTrue(reply.json().path("type").asText().startsWith("/problems/"), what);
            reply.assertNamesNoServer(what);
        }
    }

    @Test
    void malformedMediaTypesAndUnknownMethodsAreProblemsNotServerErrors() {
        RawHttp raw = new RawHttp(base);
        RawHttp.Reply type = raw.send("POST", "/api/races", "Content-Type: application/json;;;q=x");
        assertEquals(415, type.status(), type.toString());
        assertEquals("/problems/unsupported-media-type", type.json().path("type").asText(), type.toString());
        RawHttp.Reply accept = raw.send("GET", "/api/info", "Accept: */*;q=abc");
        assertEquals(406, accept.status(), accept.toString());
        assertEquals("/problems/not-acceptable", accept.json().path("type").asText(), accept.toString());
        for (String path : List.of("/auth/discord", "/.well-known/jwks.json", "/api/info")) {
            RawHttp.Reply patch = raw.send("PATCH", path);
            assertEquals(405, patch.status(), "PATCH " + path + " -> " + patch);
            patch.assertNamesNoServer(patch.toString());
        }
    }

    @Test
    void wadlIsOff() {
        Problems.assertProblem(http.get("api/application.wadl"), 404, "/problems/not-found");
        Problems.assertProblem(http.get("api/application.wadl/xsd0.xsd"), 404, "/problems/not-found");
        RawHttp.Reply options = new RawHttp(base).send("OPTIONS", "/api/races", "Accept: application/vnd.sun.wadl+xml");
        assertFalse(options.body().contains("<application"), options.toString());
        options.assertNamesNoServer(options.toString());
    }

    @Test
    void oversizedHeadersAreRefusedInTheSiteFormat() {
        RawHttp raw = new RawHttp(base);
        String huge = "x".repeat(100 * 1024);
        for (String[] request : new String[][] {{"/api/info", "Authorization: Bearer " + huge},
                {"/api/races", "X-Padding: " + huge}, {"/api/auth/me", "Cookie: paddock_session=" + huge}}) {
            RawHttp.Reply reply = raw.send("GET", request[0], request[1]);
            String what = "GET " + request[0] + " -> " + reply.status() + " " + reply.body();
            assertEquals(431, reply.status(), what);
            assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"), what);
            assertEquals("/problems/header-too-large", reply.json().path("type").asText(), what);
            reply.assertNamesNoServer(what);
        }
        String[] many = new String[150];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-Many-" + i + ": " + i;
        }
        RawHttp.Reply crowded = raw.send("GET", "/api/info", many);
        assertEquals(431, crowded.status(), crowded.toString());
        assertEquals("/problems/header-too-large", crowded.json().path("type").asText(), crowded.toString());
        RawHttp.Reply page = raw.send("GET", "/index.html", "X-Padding: " + huge);
        assertEquals(431, page.status(), page.toString());
        assertTrue(page.body().contains("Red flag."), page.toString());
        page.assertNamesNoServer(page.toString());
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
