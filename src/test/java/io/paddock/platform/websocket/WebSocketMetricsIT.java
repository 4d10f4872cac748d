package io.paddock.platform.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.racing.ModClient;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/** Black-box: the hub's figures are on a running server's {@code /metrics}, and the session gauge counts sockets. */
@PaddockIT
class WebSocketMetricsIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddock();
    }

    @ArquillianResource
    URL base;

    @Test
    void theHubsMetricsAreServedAndCountOpenSessions() throws Exception {
        Http http = new Http(base);
        String before = metrics(http);
        for (String name : List.of("paddock_websocket_sessions", "paddock_websocket_channels",
                "paddock_websocket_frames_sent", "paddock_websocket_dropped", "paddock_websocket_evicted",
                "paddock_websocket_fanout_seconds")) {
            assertTrue(before.contains(name), name + " missing from /metrics:\n" + before);
        }
        assertTrue(before.matches("(?s).*# TYPE paddock_websocket_frames_sent\\w* counter.*"), "frames sent is a counter");
        assertTrue(before.matches("(?s).*# TYPE paddock_websocket_fanout_seconds summary.*"),
                "the fan-out time is a timer in seconds");

        HttpClient client = HttpClient.newHttpClient();
        // A mod socket stays open until it authenticates or its deadline passes.
        try (ModClient mod = ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + UUID.randomUUID()))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            double sessions = sessions(metrics(http));
            while (sessions < 1 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                sessions = sessions(metrics(http));
            }
            assertTrue(sessions >= 1, "the open socket is counted: " + sessions);
            mod.send("type", "auth", "mod_token", "x");
            assertEquals(4004, mod.awaitClose(WAIT), "unknown race");
        }
    }

    static String metrics(Http http) {
        Http.Reply reply = http.get("metrics");
        assertEquals(200, reply.status(), reply.body());
        return reply.body();
    }

    static double sessions(String metrics) {
        Matcher m = Pattern.compile("(?m)^paddock_websocket_sessions(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), metrics);
        return Double.parseDouble(m.group(2));
    }
}
