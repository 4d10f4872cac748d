package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/** Black-box: bearer tokens, refresh rotation, API keys, browser sessions with CSRF, JWKS. */
@PaddockIT
class AuthenticationIT extends BlackBox {

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void accessTokenIdentifiesTheCaller() {
        JsonNode user = http.newUser("admin");
        Reply me = http.get("api/auth/me", http.bearer(user.path("accessToken").asText()));
        assertEquals(200, me.status(), me.body());
        assertEquals(user.path("userId").asText(), me.json().path("id").asText());
        assertEquals("admin", me.json().path("role").asText());
        assertEquals("access_token", me.json().path("credential").asText());
    }

    @Test
    void anonymousAndForgedCallersAreRefused() {
        Problems.assertProblem(http.get("api/auth/me"), 401, "/problems/unauthenticated");
        Reply forged = http.get("api/auth/me", http.bearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        Problems.assertProblem(forged, 401, "/problems/invalid-token");
        assertTrue(forged.header("WWW-Authenticate").startsWith("Bearer"));
        Problems.assertProblem(http.get("api/auth/me", http.bearer("pdk_nothere_secret")), 401, "/problems/invalid-token");
    }

    @Test
    void accessTokensExpire() {
        JsonNode user = http.newUser("user");
        String token = user.path("accessToken").asText();
        assertEquals(200, http.get("api/auth/me", http.bearer(token)).status());
        http.send("POST", "api/test-support/clock/advance?seconds=" + (15 * 60 + 1), null, null);
        Problems.assertProblem(http.get("api/auth/me", http.bearer(token)), 401, "/problems/invalid-token");
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        JsonNode user = http.newUser("user");
        String first = user.path("refreshToken").asText();
        Reply rotated = http.send("POST", "api/auth/refresh", "application/json", refreshBody(first));
        assertEquals(200, rotated.status(), rotated.body());
        String second = rotated.json().path("refresh_token").asText();
        assertNotEquals(first, second);
        assertEquals("Bearer", rotated.json().path("token_type").asText());
        assertEquals(200, http.get("api/auth/me", http.bearer(rotated.json().path("access_token").asText())).status());

        Problems.assertProblem(http.send("POST", "api/auth/refresh", "application/json", refreshBody(first)), 401,
                "/problems/refresh-token-reused");
        // The thief's reuse revoked the legitimate holder's newer token too.
        Problems.assertProblem(http.send("POST", "api/auth/refresh", "application/json", refreshBody(second)), 401,
                "/problems/invalid-refresh-token");
        Problems.assertProblem(http.send("POST", "api/auth/refresh", "application/json", "{}"), 400,
                "/problems/validation");
    }

    @Test
    void apiKeysAreShownOnceWorkAsBearerAndCanBeRevoked() {
        JsonNode user = http.newUser("user");
        String bearer = user.path("accessToken").asText();
        Reply created = http.send("POST", "api/auth/api-keys", "application/json",
                "{\"name\":\"nightly backup\"}", http.bearer(bearer));
        assertEquals(201, created.status(), created.body());
        String key = created.json().path("key").asText();
        String prefix = created.json().path("prefix").asText();
        assertTrue(key.startsWith(prefix + "_"), key);
        assertTrue(created.header("Location").endsWith(created.json().path("id").asText()));

        Reply me = http.get("api/auth/me", http.bearer(key));
        assertEquals(200, me.status(), me.body());
        assertEquals("api_key", me.json().path("credential").asText());

        Reply list = http.get("api/auth/api-keys", http.bearer(bearer));
        assertFalse(list.body().contains(key.substring(prefix.length() + 1)), "the secret is never listed again");
        assertTrue(list.body().contains("nightly backup"));
        JsonNode listed = null;
        for (JsonNode k : list.json()) {
            if (k.path("prefix").asText().equals(prefix)) {
                listed = k;
            }
        }
        assertTrue(listed != null && !listed.path("last_used_at").isMissingNode(), list.body());

        assertEquals(204, http.send("DELETE", "api/auth/api-keys/" + created.json().path("id").asText(), null, null,
                http.bearer(bearer)).status());
        Problems.assertProblem(http.get("api/auth/me", http.bearer(key)), 401, "/problems/invalid-token");
        Problems.assertProblem(http.send("POST", "api/auth/api-keys", "application/json",
                "{\"name\":\"old\",\"expires_at\":\"2001-01-01T00:00:00Z\"}", http.bearer(bearer)), 400,
                "/problems/invalid-expiry");
    }

    @Test
    void cookieSessionsNeedTheCsrfTokenToChangeState() {
        JsonNode user = http.newUser("user");
        String cookie = "paddock_session=" + user.path("sessionCookie").asText();
        String csrf = user.path("csrfToken").asText();
        Reply me = http.get("api/auth/me", "Cookie", cookie);
        assertEquals(200, me.status(), me.body());
        assertEquals("session", me.json().path("credential").asText());

        String body = "{\"name\":\"from the browser\"}";
        Problems.assertProblem(http.send("POST", "api/auth/api-keys", "application/json", body, "Cookie", cookie), 403,
                "/problems/csrf-token-missing");
        Problems.assertProblem(http.send("POST", "api/auth/api-keys", "application/json", body, "Cookie", cookie,
                "X-CSRF-Token", "forged"), 403, "/problems/csrf-token-invalid");
        assertEquals(201, http.send("POST", "api/auth/api-keys", "application/json", body, "Cookie", cookie,
                "X-CSRF-Token", csrf).status());
    }

    @Test
    void sessionsAreListedAndSignOutEverywhereEndsEverything() {
        JsonNode user = http.newUser("user");
        String cookie = "paddock_session=" + user.path("sessionCookie").asText();
        String csrf = user.path("csrfToken").asText();
        Reply sessions = http.get("api/auth/sessions", "Cookie", cookie);
        assertEquals(1, sessions.json().size(), sessions.body());
        assertTrue(sessions.json().path(0).path("current").asBoolean());

        Reply out = http.send("POST", "api/auth/logout-everywhere", null, null, "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(204, out.status(), out.body());
        assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("paddock_session=;")
                || c.startsWith("paddock_session=\"\"") || c.contains("Max-Age=0")), out.headers().toString());
        Problems.assertProblem(http.get("api/auth/me", "Cookie", cookie), 401, "/problems/unauthenticated");
        Problems.assertProblem(http.send("POST", "api/auth/refresh", "application/json",
                refreshBody(user.path("refreshToken").asText())), 401, "/problems/invalid-refresh-token");
    }

    @Test
    void jwksPublishesOnlyThePublicSigningKey() throws Exception {
        JsonNode user = http.newUser("user");
        String token = user.path("accessToken").asText();
        JsonNode header = Json.mapper().readTree(
                new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8));
        assertEquals("RS256", header.path("alg").asText());
        Reply jwks = http.get(".well-known/jwks.json");
        assertEquals(200, jwks.status());
        JsonNode key = jwks.json().path("keys").path(0);
        assertEquals(header.path("kid").asText(), key.path("kid").asText());
        assertEquals("RSA", key.path("kty").asText());
        assertTrue(key.path("d").isMissingNode(), "no private exponent in the JWKS");
    }

    @Test
    void profileHasWinPodiumsShape() {
        JsonNode user = http.newUser("user");
        Reply profile = http.get("api/profile/me", http.bearer(user.path("accessToken").asText()));
        assertEquals(200, profile.status(), profile.body());
        JsonNode body = profile.json();
        assertEquals("pending", body.path("verificationState").asText());
        assertEquals("web", body.path("authMethod").asText());
        assertTrue(body.has("lastActiveAt"));
        assertTrue(body.path("identities").isArray());
    }

    @Test
    void publicConfigNeedsNoSignIn() {
        Reply config = http.get("api/auth/config");
        assertEquals(200, config.status());
        assertTrue(config.json().has("manualTokensEnabled"));
        // Sent from bytes encoded once; an Accept header that is left to JAX-RS gets the same answer.
        Reply general = http.get("api/auth/config", "Accept", "application/json;q=0.9, */*;q=0.1");
        assertEquals(config.body(), general.body());
        assertEquals(general.header("Content-Type"), config.header("Content-Type"));
        assertNotNull(config.header("X-Request-Id"));
    }

    private static String refreshBody(String token) {
        return "{\"refresh_token\":\"" + token + "\"}";
    }
}
