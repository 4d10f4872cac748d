package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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

/** Black-box: every kind of response carries the browser security headers, and nothing they touch breaks. */
@PaddockIT
class SecurityHeadersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddock();
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void pagesAndStaticFilesCarryThem() {
        Reply home = http.get("");
        assertEquals(200, home.status());
        assertSecurityHeaders(home);
        assertSecurityHeaders(http.get("js/paddock.js"));
        Reply stylesheet = http.get("css/paddock.css");
        assertTrue(stylesheet.header("Content-Type").startsWith("text/css"), "nosniff needs the right type");
        assertSecurityHeaders(stylesheet);
        Reply module = http.get("js/racing/race.js");
        assertEquals(200, module.status());
        assertTrue(module.header("Content-Type").contains("javascript"), module.header("Content-Type"));
        Reply missing = http.get("no-such-page.html");
        assertEquals(404, missing.status());
        assertSecurityHeaders(missing);
    }

    @Test
    void apiResponsesAndProblemsCarryThem() {
        Reply info = http.get("api/info");
        assertEquals(200, info.status());
        assertSecurityHeaders(info);

        Reply unknownRoute = http.get("api/no-such-thing");
        assertEquals(404, unknownRoute.status());
        assertEquals(Problem.MEDIA_TYPE, unknownRoute.header("Content-Type"));
        assertSecurityHeaders(unknownRoute);

        // Refused by the authentication module, before any servlet filter runs.
        Reply badCredential = http.get("api/auth/me", http.bearer("not-a-credential"));
        assertEquals(401, badCredential.status(), badCredential.body());
        assertEquals(Problem.MEDIA_TYPE, badCredential.header("Content-Type"));
        assertSecurityHeaders(badCredential);

        // The heartbeat servlet's own problem.
        Reply heartbeat = http.send("POST", "api/plugin/heartbeat", "application/json", "{\"version\":\"1\"}");
        assertEquals(401, heartbeat.status(), heartbeat.body());
        assertEquals(Problem.MEDIA_TYPE, heartbeat.header("Content-Type"));
        assertSecurityHeaders(heartbeat);
    }

    @Test
    void openApiHealthAndMetricsAreStillServedWithThem() {
        Reply openapi = http.get("openapi");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().contains("title: Paddock API"), openapi.body());
        assertSecurityHeaders(openapi);
        Reply health = http.get("health/ready");
        assertEquals("UP", health.json().path("status").asText(), health.body());
        assertSecurityHeaders(health);
        Reply metrics = http.get("metrics");
        assertEquals(200, metrics.status());
        assertSecurityHeaders(metrics);
    }

    @Test
    void webSocketUpgradesStillWork() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("ws/race/not-a-race");
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
        assertEquals(4004, closed.get(30, TimeUnit.SECONDS), "the endpoint answered after the upgrade");
    }

    /**
     * The container keeps a 101's header fields for the socket's life: Paddock adds none of its own
     * (a browser applies none of them to a socket); a handshake answered otherwise still gets them.
     */
    @Test
    void webSocketHandshakeAnswersCarryNoPageHeaders() throws Exception {
        String upgraded = rawHandshake("/ws/race/" + java.util.UUID.randomUUID());
        assertTrue(upgraded.startsWith("http/1.1 101"), upgraded);
        assertTrue(upgraded.contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="), upgraded);
        for (String page : new String[] {"content-security-policy", "x-frame-options", "x-request-id"}) {
            assertTrue(!upgraded.contains(page + ":"), () -> page + " on a 101: " + upgraded);
        }
        String refused = rawHandshake("/ws/no-such-socket");
        assertTrue(refused.startsWith("http/1.1 404"), refused);
        assertTrue(refused.contains("content-security-policy: default-src 'self'"), refused);
        assertTrue(refused.contains("x-frame-options: deny"), refused);
    }

    /** The status line and headers, lower-cased, of a WebSocket handshake sent by hand. */
    private String rawHandshake(String path) throws java.io.IOException {
        String handshake = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(handshake.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
            }
            return head.toString();
        }
    }

    private static void assertSecurityHeaders(Reply reply) {
        String policy = reply.header("Content-Security-Policy");
        assertTrue(policy != null && policy.startsWith("default-src 'self'; script-src 'self'"),
                () -> "CSP on " + reply.status() + ": " + reply.headers());
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply.headers().toString());
        assertEquals("DENY", reply.header("X-Frame-Options"), reply.headers().toString());
        assertEquals("strict-origin-when-cross-origin", reply.header("Referrer-Policy"), reply.headers().toString());
    }
}
