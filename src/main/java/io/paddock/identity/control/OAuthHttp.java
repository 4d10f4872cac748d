package io.paddock.identity.control;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.json.Json;

/**
 * The HTTP both OAuth2 clients share: a form POST to a token endpoint and a GET of a user endpoint,
 * each turned into JSON or a clear refusal. A 4xx from the token endpoint means the code, verifier or
 * redirect was not accepted (400 for our caller); anything else that goes wrong is the provider's
 * fault (502). Provider tokens never leave this call chain.
 */
final class OAuthHttp {

    private static final Logger LOG = Logger.getLogger(OAuthHttp.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private OAuthHttp() {
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Exchanges an authorization code; returns the provider's access token. */
    static String exchangeCode(String providerName, String tokenUrl, Map<String, String> fields) {
        HttpRequest request = HttpRequest.newBuilder(uri(providerName, tokenUrl)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
        HttpResponse<String> response = send(providerName, request);
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            String reason = field(response.body(), "error_description", field(response.body(), "message",
                    field(response.body(), "error", "HTTP " + response.statusCode())));
            throw new InvalidRequestException("authorization-code-rejected", "Authorization code rejected",
                    providerName + " did not accept the authorization code: " + reason
                            + ". Codes are single-use; start the sign-in again.");
        }
        JsonNode body = json(providerName, response);
        String token = body.path("access_token").asText("");
        if (token.isBlank()) {
            throw new ProviderUnavailableException(providerName, providerName + "'s token response had no access token.");
        }
        return token;
    }

    /** GETs a user endpoint with the provider's bearer token (and extra headers, e.g. Twitch's Client-Id). */
    static JsonNode getJson(String providerName, String url, String accessToken, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(providerName, url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = send(providerName, builder.build());
        if (response.statusCode() >= 400) {
            throw new ProviderUnavailableException(providerName,
                    providerName + " refused to tell us who you are (HTTP " + response.statusCode() + ").");
        }
        return json(providerName, response);
    }

    private static URI uri(String providerName, String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ProviderUnavailableException(providerName, providerName + " is misconfigured on this server.");
        }
    }

    private static HttpResponse<String> send(String providerName, HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.log(Level.WARNING, providerName + " call failed: " + request.uri(), e);
            throw new ProviderUnavailableException(providerName,
                    providerName + " could not be reached or did not answer in time. Try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(providerName, "The call to " + providerName + " was interrupted.");
        }
    }

    private static JsonNode json(String providerName, HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new ProviderUnavailableException(providerName,
                    providerName + " answered HTTP " + response.statusCode() + ". Try again shortly.");
        }
        try {
            JsonNode node = Json.mapper().readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ProviderUnavailableException(providerName, providerName + " answered with something that is not JSON.");
        }
    }

    private static String field(String body, String name, String fallback) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            String value = node == null ? "" : node.path(name).asText("");
            return value.isBlank() ? fallback : value;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
