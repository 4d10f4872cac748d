package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;
import io.paddock.testing.BlackBox;
import io.paddock.testing.FakeDiscord;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.OtherAddress;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.StandIns;

/**
 * Black-box: the plugin's three sign-ins (Discord in the browser with PKCE, one-time token, QR) and
 * their refusals, plus the rate limit on the token endpoints.
 */
@PaddockIT
class PluginSignInIT extends BlackBox {

    static final String LOOPBACK = "http://127.0.0.1:54321/callback";
    static final AtomicLong IDS = new AtomicLong(2_000_000_000L + System.nanoTime() % 1_000_000_000L);

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void browserSignInExchangesADiscordCodeForPaddockTokens() {
        long discordId = IDS.incrementAndGet();
        String verifier = RandomSecrets.token();
        String code = pluginCode(discordId, verifier, LOOPBACK);

        Reply pair = exchange(code, verifier, LOOPBACK);
        assertEquals(200, pair.status(), pair.body());
        assertEquals("plugin_browser", pair.json().path("auth_method").asText());
        assertEquals("Bearer", pair.json().path("token_type").asText());
        assertFalse(pair.json().path("refresh_token").asText().isBlank());
        JsonNode me = http.get("api/auth/me", http.bearer(pair.json().path("access_token").asText())).json();
        assertEquals("plugin_browser", me.path("authMethod").asText());
        assertEquals(Long.toString(discordId), me.path("identities").path(0).path("providerUserId").asText());
        // The refresh token works like any other.
        assertEquals(200, http.send("POST", "api/auth/refresh", "application/json",
                "{\"refresh_token\":\"" + pair.json().path("refresh_token").asText() + "\"}").status());

        // The same code again: Discord has already consumed it.
        Problems.assertProblem(exchange(code, verifier, LOOPBACK), 400, "/problems/authorization-code-rejected");
    }

    @Test
    void wrongPkceVerifierIsRefused() {
        String code = pluginCode(IDS.incrementAndGet(), RandomSecrets.token(), LOOPBACK);
        Problems.assertProblem(exchange(code, RandomSecrets.token(), LOOPBACK), 400, "/problems/authorization-code-rejected");
    }

    @Test
    void onlyTheRegisteredLoopbackRedirectIsAllowed() {
        String verifier = RandomSecrets.token();
        String evil = "http://evil.example/callback";
        String code = pluginCode(IDS.incrementAndGet(), verifier, evil);
        Problems.assertProblem(exchange(code, verifier, evil), 400, "/problems/redirect-uri-not-allowed");
        Problems.assertProblem(http.send("POST", "api/auth/discord/exchange", "application/json", "{\"code\":\"x\"}"),
                400, "/problems/validation");
    }

    @Test
    void providerFailuresAreBadGatewayProblemsNotServerErrors() {
        Problems.assertProblem(exchange("stand-in-500", RandomSecrets.token(), LOOPBACK), 502, "/problems/provider-unavailable");
        Problems.assertProblem(exchange("stand-in-not-json", RandomSecrets.token(), LOOPBACK), 502,
                "/problems/provider-unavailable");
    }

    @Test
    void oneTimeTokenSignsThePluginInOnce() {
        JsonNode user = http.newUser("user");
        Reply generated = http.send("POST", "api/auth/token-generate", null, null, http.bearer(user.path("accessToken").asText()));
        assertEquals(200, generated.status(), generated.body());
        String token = generated.json().path("token").asText();
        assertFalse(generated.json().path("expires_at").asText().isBlank());

        Reply pair = tokenExchange(token);
        assertEquals(200, pair.status(), pair.body());
        assertEquals("plugin_token", pair.json().path("auth_method").asText());
        JsonNode me = http.get("api/auth/me", http.bearer(pair.json().path("access_token").asText())).json();
        assertEquals(user.path("userId").asText(), me.path("id").asText());
        assertEquals("plugin_token", me.path("authMethod").asText());

        Problems.assertProblem(tokenExchange(token), 401, "/problems/one-time-token-used");
        Problems.assertProblem(tokenExchange(RandomSecrets.token()), 401, "/problems/invalid-one-time-token");
        Problems.assertProblem(http.send("POST", "api/auth/token-exchange", "application/json", "{}"), 400,
                "/problems/validation");
        Problems.assertProblem(http.send("POST", "api/auth/token-generate", null, null), 401, "/problems/unauthenticated");
    }

    @Test
    void oneTimeTokenExpiresAfterTenMinutesAndANewOneReplacesTheOld() {
        JsonNode user = http.newUser("user");
        String[] auth = http.bearer(user.path("apiKey").asText());
        String replaced = http.send("POST", "api/auth/token-generate", null, null, auth).json().path("token").asText();
        String latest = http.send("POST", "api/auth/token-generate", null, null, auth).json().path("token").asText();
        Problems.assertProblem(tokenExchange(replaced), 401, "/problems/one-time-token-used");
        advance(10 * 60 + 1);
        Problems.assertProblem(tokenExchange(latest), 401, "/problems/one-time-token-expired");
    }

    @Test
    void qrSignInIsApprovedOnceAndCollectedOnceByItsOpener() {
        Reply opened = http.send("POST", "api/auth/qr-sessions", null, null);
        assertEquals(201, opened.status(), opened.body());
        String id = opened.json().path("id").asText();
        String secret = opened.json().path("pollSecret").asText();
        assertTrue(opened.json().path("approveUrl").asText().endsWith("/qr.html?id=" + id), opened.body());

        assertEquals("pending", poll(id, null).json().path("status").asText());
        assertEquals("pending", poll(id, secret).json().path("status").asText());
        Problems.assertProblem(poll(id, "not-the-secret"), 403, "/problems/invalid-poll-secret");

        JsonNode approver = http.newUser("user");
        String cookie = "paddock_session=" + approver.path("sessionCookie").asText();
        Reply approved = http.send("POST", "api/auth/qr-sessions/" + id + "/approve", null, null, "Cookie", cookie,
                "X-CSRF-Token", approver.path("csrfToken").asText());
        assertEquals(200, approved.status(), approved.body());
        Problems.assertProblem(http.send("POST", "api/auth/qr-sessions/" + id + "/approve", null, null,
                http.bearer(approver.path("accessToken").asText())), 409, "/problems/qr-session-not-pending");

        Reply peek = poll(id, null);
        assertEquals("approved", peek.json().path("status").asText());
        assertTrue(peek.json().path("tokens").isMissingNode(), "no tokens without the poll secret");
        Problems.assertProblem(poll(id, "not-the-secret"), 403, "/problems/invalid-poll-secret");

        Reply collected = poll(id, secret);
        assertEquals(200, collected.status(), collected.body());
        assertEquals("approved", collected.json().path("status").asText());
        JsonNode tokens = collected.json().path("tokens");
        assertEquals("plugin_qr", tokens.path("auth_method").asText());
        JsonNode me = http.get("api/auth/me", http.bearer(tokens.path("access_token").asText())).json();
        assertEquals(approver.path("userId").asText(), me.path("id").asText());
        assertEquals("plugin_qr", me.path("authMethod").asText());

        Reply again = poll(id, secret);
        assertEquals("collected", again.json().path("status").asText());
        assertTrue(again.json().path("tokens").isMissingNode(), "tokens are handed out once");
    }

    @Test
    void theApproverSeesWhoAsksFromWhereAndWhen() {
        Instant now = Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=0", null, null).json()
                .asText());
        Reply relayed = OtherAddress.send(base, "POST", "api/auth/qr-sessions", "User-Agent",
                "PaddockSimHub/1.4.0 (RIG-PC)");
        assertEquals(201, relayed.status(), relayed.body());
        String id = relayed.json().path("id").asText();
        JsonNode approver = http.newUser("user");
        String[] bearer = http.bearer(approver.path("accessToken").asText());

        JsonNode request = http.get("api/auth/qr-sessions/" + id, bearer).json();
        assertEquals(id, request.path("id").asText());
        assertEquals("pending", request.path("status").asText());
        assertEquals("PaddockSimHub/1.4.0 (RIG-PC)", request.path("device").asText());
        assertEquals("127.0.0.x", request.path("address").asText(), "the network, not the exact address");
        Instant requestedAt = Instant.parse(request.path("requestedAt").asText());
        assertTrue(Math.abs(Duration.between(now, requestedAt).toNanos()) < 1_000, // stored to the microsecond
                now + " vs " + requestedAt);
        assertFalse(request.path("sameAddress").asBoolean(), "asked from " + OtherAddress.ADDRESS + ", viewed from here");

        // Opened from the approver's own address, by a browser.
        String mine = http.send("POST", "api/auth/qr-sessions", null, null, "User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")
                .json().path("id").asText();
        JsonNode own = http.get("api/auth/qr-sessions/" + mine, bearer).json();
        assertEquals("Chrome on Windows", own.path("device").asText());
        assertTrue(own.path("sameAddress").asBoolean(), own.toString());

        // Who asks is for a signed-in user's eyes only; the plugin's poll does not tell.
        Problems.assertProblem(http.get("api/auth/qr-sessions/" + id), 401, "/problems/unauthenticated");
        assertTrue(poll(id, null).json().path("address").isMissingNode());
        Problems.assertProblem(http.get("api/auth/qr-sessions/00000000-0000-0000-0000-0000000000ab", bearer), 404,
                "/problems/qr-session-not-found");
    }

    @Test
    void qrSessionsExpire() {
        Reply opened = http.send("POST", "api/auth/qr-sessions", null, null);
        String id = opened.json().path("id").asText();
        advance(5 * 60 + 1);
        assertEquals("expired", poll(id, opened.json().path("pollSecret").asText()).json().path("status").asText());
        JsonNode user = http.newUser("user");
        Problems.assertProblem(http.send("POST", "api/auth/qr-sessions/" + id + "/approve", null, null,
                http.bearer(user.path("accessToken").asText())), 409, "/problems/qr-session-expired");
        Problems.assertProblem(poll("00000000-0000-0000-0000-0000000000ab", null), 404, "/problems/qr-session-not-found");
        Problems.assertProblem(http.send("POST", "api/auth/qr-sessions/" + id + "/approve", null, null), 401,
                "/problems/unauthenticated");
    }

    @Test
    void tokenEndpointsAreRateLimitedPerAddress() {
        Reply last = null;
        for (int i = 0; i < 40; i++) {
            last = tokenExchange("guess-" + i);
            if (last.status() == 429) {
                break;
            }
            assertEquals(401, last.status(), last.body());
        }
        Problems.assertProblem(last, 429, "/problems/rate-limited");
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 61, "Retry-After " + retryAfter);
        // Every token endpoint shares the limit.
        assertEquals(429, http.send("POST", "api/auth/qr-sessions", null, null).status());
        advance(61); // the window ends: other tests may use the endpoints again
        assertEquals(201, http.send("POST", "api/auth/qr-sessions", null, null).status());
    }

    // --- helpers -------------------------------------------------------------------------------

    /** What the plugin does in the system browser: Discord's authorize page, redirected to its loopback listener. */
    static String pluginCode(long discordId, String verifier, String redirectUri) {
        String url = StandIns.httpBase() + "/discord/oauth2/authorize?client_id=" + FakeDiscord.CLIENT_ID
                + "&redirect_uri=" + OAuthSignInIT.enc(redirectUri) + "&response_type=code&scope=identify&state=plugin"
                + "&code_challenge=" + Digests.sha256Base64Url(verifier) + "&code_challenge_method=S256&test_user=" + discordId;
        String back = OAuthSignInIT.send(url).headers().firstValue("Location").orElseThrow();
        assertTrue(back.startsWith(redirectUri + "?"), back);
        return OAuthSignInIT.query(URI.create(back)).get("code");
    }

    Reply exchange(String code, String verifier, String redirectUri) {
        ObjectNode body = Json.mapper().createObjectNode().put("code", code).put("code_verifier", verifier)
                .put("redirect_uri", redirectUri);
        return http.send("POST", "api/auth/discord/exchange", "application/json", body.toString());
    }

    Reply tokenExchange(String token) {
        return http.send("POST", "api/auth/token-exchange", "application/json",
                Json.mapper().createObjectNode().put("token", token).toString());
    }

    Reply poll(String id, String secret) {
        return secret == null ? http.get("api/auth/qr-status/" + id)
                : http.get("api/auth/qr-status/" + id, "X-QR-Secret", secret);
    }

    void advance(long seconds) {
        assertEquals(200, http.send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null).status());
    }
}
