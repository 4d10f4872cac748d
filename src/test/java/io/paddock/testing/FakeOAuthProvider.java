package io.paddock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.paddock.platform.security.Digests;


/**
 * The OAuth2 authorization-code flow as Discord and Twitch speak it, on loopback:
 * an authorize endpoint that redirects back with a code and the state, a token endpoint that checks
 * the client credentials, the code (single use), the redirect URI and the PKCE verifier against the
 * challenge it received, and a user endpoint that checks the bearer token.
 * A test chooses whose account a code belongs to with the extra authorize parameter {@code test_user}
 * (a provider user id; tests use unique ids to stay independent). The codes {@code stand-in-500} and
 * {@code stand-in-not-json} make the token endpoint fail.
 */
abstract class FakeOAuthProvider implements StandIns.StandIn {

    record Grant(String clientId, String redirectUri, String challenge, String userId) {
    }

    final String clientId;
    final String clientSecret;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

    FakeOAuthProvider(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** The user endpoint's answer for this provider user id. */
    abstract String userJson(String userId);

    /** Extra checks on the user request (e.g. Twitch's Client-Id header); null when fine. */
    String refuseUserRequest(HttpExchange exchange) {
        return null;
    }

    void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        if (!clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || query.get("redirect_uri") == null) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String redirect = query.get("redirect_uri");
        String separator = redirect.contains("?") ? "&" : "?";
        if (query.containsKey("test_deny")) {
            redirect(exchange, redirect + separator + "error=access_denied&state=" + encode(query.get("state")));
            return;
        }
        String challenge = query.get("code_challenge");
        if (challenge != null && !"S256".equals(query.get("code_challenge_method"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"S256 only\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(query.get("client_id"), redirect, challenge,
                query.getOrDefault("test_user", "1000")));
        String location = redirect + separator + "code=" + encode(code)
                + (query.get("state") == null ? "" : "&state=" + encode(query.get("state")));
        redirect(exchange, location);
    }

    void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            id = pair[0];
            secret = pair.length > 1 ? pair[1] : null;
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        // Magic codes that make the provider misbehave, for the "never a 500" tests.
        if ("stand-in-500".equals(form.get("code"))) {
            send(exchange, 500, "{\"message\":\"internal error\"}");
            return;
        }
        if ("stand-in-not-json".equals(form.get("code"))) {
            send(exchange, 200, "<html>Cloudflare says hi</html>");
            return;
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code")); // single use
        if (grant == null) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid \\\"code\\\" in request.\"}");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid \\\"redirect_uri\\\" in request.\"}");
            return;
        }
        if (grant.challenge() != null) {
            String verifier = form.get("code_verifier");
            if (verifier == null || !grant.challenge().equals(Digests.sha256Base64Url(verifier))) {
                send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid \\\"code_verifier\\\"\"}");
                return;
            }
        }
        String accessToken = "fake-" + UUID.randomUUID();
        accessTokens.put(accessToken, grant.userId());
        send(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":604800,"
                + "\"refresh_token\":\"fake-refresh\",\"scope\":\"identify\"}");
    }

    void user(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String userId = authorization == null || !authorization.startsWith("Bearer ") ? null
                : accessTokens.get(authorization.substring(7));
        if (userId == null) {
            send(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
            return;
        }
        String refused = refuseUserRequest(exchange);
        if (refused != null) {
            send(exchange, 401, refused);
            return;
        }
        send(exchange, 200, userJson(userId));
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", URI.create(location).toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    static void handle(HttpServer server, String path, Handler handler) {
        server.createContext(path, exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                send(exchange, 500, "{\"error\":\"stand-in failure: " + e + "\"}");
            }
        });
    }

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
