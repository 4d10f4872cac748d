package io.paddock.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;

/** A small black-box HTTP client for tests: every call returns status, headers and body. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;

    public Http(URL base) {
        this.base = URI.create(base.toString());
    }

    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Header pair for a bearer credential (access token or API key). */
    public String[] bearer(String credential) {
        return new String[] {"Authorization", "Bearer " + credential};
    }

    /**
     * A new user of the given role with an access token, refresh token, session cookie, CSRF token and
     * API key (fields of TestSupportResource.Credentials); needs {@code Deployments.paddockWithTestSupport()}.
     */
    public JsonNode newUser(String role) {
        return newUser(role, "");
    }

    /** As {@link #newUser(String)}, with query parameters such as {@code twitch=alice} or {@code discord=123}. */
    public JsonNode newUser(String role, String query) {
        Reply reply = send("POST", "api/test-support/users/" + role + (query.isEmpty() ? "" : "?" + query), null, null);
        if (reply.status() != 200) {
            throw new AssertionError("Could not create a test user: " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    public Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
    }

    public Reply send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder, headers);
    }

    private Reply send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            // Generous: the first request of a kind (the OpenAPI document, say) may take long on a loaded machine.
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
