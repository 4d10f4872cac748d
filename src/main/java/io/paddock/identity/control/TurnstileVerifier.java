package io.paddock.identity.control;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;

/**
 * Asks Cloudflare Turnstile's siteverify endpoint whether a widget response token is genuine:
 * {@code POST secret, response, remoteip} as a form, answer {@code {success, error-codes}}.
 * Any failure to get a clear yes (network, status, malformed answer) counts as a no.
 */
public final class TurnstileVerifier {

    /** Cloudflare's answer; {@code errorCodes} as Cloudflare names them, or ours for local failures. */
    public record Outcome(boolean success, List<String> errorCodes) {
    }

    private final HttpClient client;
    private final URI verifyUrl;
    private final String secret;

    public TurnstileVerifier(HttpClient client, URI verifyUrl, String secret) {
        this.client = Objects.requireNonNull(client);
        this.verifyUrl = Objects.requireNonNull(verifyUrl, "The Turnstile verify URL is required.");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The Turnstile secret is required.");
        }
        this.secret = secret;
    }

    public Outcome verify(String responseToken, String remoteIp) {
        if (responseToken == null || responseToken.isBlank()) {
            return new Outcome(false, List.of("missing-input-response"));
        }
        StringBuilder form = new StringBuilder().append("secret=").append(encode(secret))
                .append("&response=").append(encode(responseToken));
        if (remoteIp != null && !remoteIp.isBlank()) {
            form.append("&remoteip=").append(encode(remoteIp));
        }
        HttpRequest request = HttpRequest.newBuilder(verifyUrl).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Outcome(false, List.of("http-" + response.statusCode()));
            }
            JsonNode answer = Json.mapper().readTree(response.body());
            List<String> codes = new ArrayList<>();
            answer.path("error-codes").forEach(code -> codes.add(code.asText()));
            return new Outcome(answer.path("success").asBoolean(false), List.copyOf(codes));
        } catch (IOException e) {
            return new Outcome(false, List.of("unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, List.of("interrupted"));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
