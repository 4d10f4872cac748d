package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/** Black-box: a browser session's sliding expiry, extended by many requests of one browser at once. */
@PaddockIT
class SessionExpiryIT extends BlackBox {

    static final int PARALLEL = 16;

    @Test
    void requestsOfOneBrowserThatExtendItsSessionAtOnceAllSucceed() {
        Http http = new Http(base);
        JsonNode user = http.newUser("user", "name=Busy%20Page");
        String cookie = "paddock_session=" + user.path("sessionCookie").asText();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant now = null;
        for (int round = 1; round <= 5; round++) {
            // A while later every request of the burst finds the session due for extension.
            now = Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=120", null, null).json()
                    .asText());
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                burst.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/auth/me"))
                        .header("Cookie", cookie).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> request : burst) {
                HttpResponse<String> response = request.join();
                assertEquals(200, response.statusCode(), "round " + round + ": " + response.body());
                assertEquals(user.path("userId").asText(),
                        new Http.Reply(200, response.headers(), response.body()).json().path("id").asText());
            }
        }
        // And the expiry did slide: the session was last seen at the last round's time (to the database's
        // microsecond).
        JsonNode sessions = http.get("api/auth/sessions", "Cookie", cookie).json();
        assertEquals(1, sessions.size(), sessions.toString());
        assertAbout(now, sessions.get(0).path("lastSeenAt"));
        assertAbout(now.plus(Duration.ofDays(14)), sessions.get(0).path("expiresAt"));
    }

    private static void assertAbout(Instant expected, JsonNode actual) {
        Duration off = Duration.between(expected, Instant.parse(actual.asText())).abs();
        assertTrue(off.compareTo(Duration.ofMillis(1)) < 0, "expected " + expected + ", got " + actual);
    }
}
