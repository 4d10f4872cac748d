package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URL;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.Problem;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.RawHttp;
import io.paddock.testing.ReverseProxy;

/**
 * Black-box through the shipped HAProxy configuration: the requests Payara's HTTP layer answers with an
 * empty body before any Paddock code runs (broken percent-encoding, NUL, backslashes, bytes that are not
 * UTF-8, TRACE) reach clients in Paddock's own format — problem+json under /api, the site's error page
 * elsewhere — and everything else passes through unchanged, with one request id end to end.
 */
@PaddockIT
class ReverseProxyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddock();
    }

    @ArquillianResource
    URL base;

    ReverseProxy proxy;
    RawHttp raw;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = ReverseProxy.inFrontOf(base);
        raw = new RawHttp(proxy.base);
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void urlsTheContainerRefusesAreProblemsUnderApi() {
        for (String target : List.of("/api/races/%ZZ", "/api/races/%0", "/api/%", "/api/races/%00",
                "/api/races/%C0%AF", "/api/races/%FF", "/api/races/a%5Cb")) {
            for (String method : List.of("GET", "PUT")) {
                RawHttp.Reply reply = raw.send(method, target);
                String what = method + " " + target + " -> " + reply;
                assertEquals(400, reply.status(), what);
                assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"), what);
                assertEquals("/problems/malformed-url", reply.json().path("type").asText(), what);
                assertFalse(reply.json().path("requestId").asText().isBlank(), what);
                assertEquals("no-store", reply.header("Cache-Control"), what);
                reply.assertNamesNoServer(what);
            }
        }
    }

    @Test
    void urlsTheContainerRefusesAreTheSiteErrorPageElsewhere() {
        for (String target : List.of("/%", "/race/%ZZ", "/index.html%00", "/x%C0%AF", "/a%5Cb", "/%2e%2e/x")) {
            RawHttp.Reply reply = raw.send("GET", target);
            String what = "GET " + target + " -> " + reply;
            assertEquals(400, reply.status(), what);
            assertTrue(reply.header("Content-Type").startsWith("text/html"), what);
            assertTrue(reply.body().contains("Red flag."), "the site's error page: " + what);
            reply.assertNamesNoServer(what);
        }
    }

    @Test
    void traceIsRefusedInPaddocksFormat() {
        RawHttp.Reply api = raw.send("TRACE", "/api/info");
        assertEquals(405, api.status(), api.toString());
        assertEquals(Problem.MEDIA_TYPE, api.header("Content-Type"), api.toString());
        assertEquals("/problems/method-not-allowed", api.json().path("type").asText());
        assertNotNull(api.header("Allow"), api.toString());
        RawHttp.Reply page = raw.send("TRACE", "/");
        assertEquals(405, page.status(), page.toString());
        assertTrue(page.body().contains("Red flag."), page.toString());
        api.assertNamesNoServer(api.toString());
    }

    @Test
    void oversizedHeadersGetPaddocksOwnAnswerAndNothingNamesTheServer() {
        // Past Paddock's 32 KiB but inside the proxy's buffer: Paddock's own 431.
        RawHttp.Reply paddocks = raw.send("GET", "/api/info", "X-Filler: " + "a".repeat(36_000));
        assertEquals(431, paddocks.status(), paddocks.toString());
        assertEquals("/problems/header-too-large", paddocks.json().path("type").asText());
        // Past the proxy's buffer: its own plain 400, which names nothing.
        RawHttp.Reply proxys = raw.send("GET", "/api/info", "X-Filler: " + "a".repeat(100_000));
        assertEquals(400, proxys.status(), proxys.toString());
        proxys.assertNamesNoServer(proxys.toString());
    }

    @Test
    void ordinaryRequestsPassWithOneRequestIdEndToEnd() throws Exception {
        RawHttp.Reply info = raw.send("GET", "/api/info");
        assertEquals(200, info.status(), info.toString());
        String requestId = info.header("X-Request-Id");
        assertNotNull(requestId, info.toString());
        // The proxy made the id and Paddock kept it: the proxy's log line names the same request.
        assertTrue(waitForLog(requestId), "proxy log lacks " + requestId + ":\n" + proxy.log());
        RawHttp.Reply page = raw.send("GET", "/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
    }

    @Test
    void noNodeReadyIsAProblem() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ReverseProxy nowhere = ReverseProxy.inFrontOf(new URL("http://127.0.0.1:" + closed + "/"))) {
            RawHttp.Reply reply = new RawHttp(nowhere.base).send("GET", "/api/info");
            assertEquals(503, reply.status(), reply.toString());
            assertEquals(Problem.MEDIA_TYPE, reply.header("Content-Type"), reply.toString());
            assertEquals("/problems/service-unavailable", reply.json().path("type").asText());
        }
    }

    private boolean waitForLog(String text) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (proxy.log().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
