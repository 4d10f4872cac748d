package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;
import io.paddock.platform.security.RandomSecrets;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.Mailbox;
import io.paddock.testing.PaddockIT;

/**
 * Black-box: every answer that hands out a secret (an API key, a token pair, a one-time plugin token, a QR
 * poll secret, an installation secret, a session cookie) tells caches not to keep it, and so do refusals
 * from the same endpoints. Answers without secrets stay cacheable as before.
 */
@PaddockIT
class SecretAnswersIT extends BlackBox {

    static final String JSON = "application/json";

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
        // Sign-in endpoints are rate-limited per address; an hour later every window has closed.
        http.send("POST", "api/test-support/clock/advance?seconds=3600", null, null);
    }

    @Test
    void newApiKeysAreNotStored() {
        JsonNode user = http.newUser("user");
        Reply created = http.send("POST", "api/auth/api-keys", JSON, "{\"name\":\"ci\"}",
                http.bearer(user.path("accessToken").asText()));
        assertEquals(201, created.status(), created.body());
        assertFalse(created.json().path("key").asText().isBlank(), created.body());
        assertNoStore(created);
        assertNoStore(http.send("POST", "api/auth/api-keys", JSON, "{}", http.bearer(user.path("accessToken").asText())));
        Reply listed = http.get("api/auth/api-keys", http.bearer(user.path("accessToken").asText()));
        assertEquals(200, listed.status(), listed.body());
        assertFalse(listed.headers().allValues("Cache-Control").contains("no-store"), "the list holds no secret");
    }

    @Test
    void refreshedTokenPairsAreNotStored() {
        JsonNode user = http.newUser("user");
        Reply refreshed = http.send("POST", "api/auth/refresh", JSON,
                "{\"refresh_token\":\"" + user.path("refreshToken").asText() + "\"}");
        assertEquals(200, refreshed.status(), refreshed.body());
        assertNoStore(refreshed);
        assertNoStore(http.send("POST", "api/auth/refresh", JSON, "{\"refresh_token\":\"used-up\"}"));
    }

    @Test
    void emailSignInIsNotStored() {
        String email = ("nostore." + UUID.randomUUID().toString().substring(0, 8) + "@example.test");
        String password = "correct horse 42";
        Reply registered = http.send("POST", "api/auth/register", JSON, "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"displayName\":\"No Store\",\"acceptPolicy\":true}");
        assertEquals(201, registered.status(), registered.body());
        Reply verified = http.send("POST", "api/auth/verify-email", JSON,
                "{\"token\":\"" + Mailbox.awaitMail(email, 1).token() + "\"}");
        assertEquals(200, verified.status(), verified.body());
        Reply signedIn = http.send("POST", "api/auth/login", JSON,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, signedIn.status(), signedIn.body());
        assertNoStore(signedIn);
    }

    @Test
    void pluginSignInsAreNotStored() {
        long discordId = PluginSignInIT.IDS.incrementAndGet();
        String verifier = RandomSecrets.token();
        String code = PluginSignInIT.pluginCode(discordId, verifier, PluginSignInIT.LOOPBACK);
        Reply exchanged = http.send("POST", "api/auth/discord/exchange", JSON, Json.mapper().createObjectNode()
                .put("code", code).put("code_verifier", verifier).put("redirect_uri", PluginSignInIT.LOOPBACK)
                .toString());
        assertEquals(200, exchanged.status(), exchanged.body());
        assertNoStore(exchanged);

        JsonNode user = http.newUser("user");
        Reply generated = http.send("POST", "api/auth/token-generate", null, null,
                http.bearer(user.path("accessToken").asText()));
        assertEquals(200, generated.status(), generated.body());
        assertNoStore(generated);
        Reply pair = http.send("POST", "api/auth/token-exchange", JSON,
                "{\"token\":\"" + generated.json().path("token").asText() + "\"}");
        assertEquals(200, pair.status(), pair.body());
        assertNoStore(pair);

        Reply opened = http.send("POST", "api/auth/qr-sessions", null, null);
        assertEquals(201, opened.status(), opened.body());
        assertNoStore(opened);
        String id = opened.json().path("id").asText();
        JsonNode approver = http.newUser("user");
        assertEquals(200, http.send("POST", "api/auth/qr-sessions/" + id + "/approve", null, null,
                http.bearer(approver.path("accessToken").asText())).status());
        Reply collected = http.get("api/auth/qr-status/" + id, "X-QR-Secret", opened.json().path("pollSecret").asText());
        assertEquals(200, collected.status(), collected.body());
        assertFalse(collected.json().path("tokens").path("access_token").asText().isBlank(), collected.body());
        assertNoStore(collected);
    }

    @Test
    void browserSignInRedirectsAreNotStored() {
        Reply start = http.get("api/auth/twitch");
        assertEquals(302, start.status(), start.body());
        assertNoStore(start);
        String cookie = OAuthSignInIT.stateCookie(start);
        Reply callback = http.get(OAuthSignInIT.local(OAuthSignInIT.authorizeAt(start.header("Location"),
                OAuthSignInIT.IDS.incrementAndGet())), "Cookie", cookie);
        assertEquals(302, callback.status(), callback.body());
        assertTrue(callback.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("paddock_session=")),
                callback.headers().toString());
        assertNoStore(callback);
    }

    @Test
    void installationSecretsAreNotStored() {
        JsonNode user = http.newUser("user");
        Reply registered = http.send("POST", "api/plugin/installations", JSON, "{\"installationId\":\"nostore-"
                + UUID.randomUUID() + "\",\"pluginVersion\":\"1.2.0\",\"simPlatform\":\"ACC\"}",
                http.bearer(user.path("accessToken").asText()));
        assertEquals(201, registered.status(), registered.body());
        assertFalse(registered.json().path("secret").asText().isBlank(), registered.body());
        assertNoStore(registered);
    }

    @Test
    void packLinksCarryTheModTokenAndAreNotStored() {
        JsonNode user = http.newUser("user");
        // No such race: the refusal comes from the same method and carries the headers too.
        assertNoStore(http.get("api/races/" + UUID.randomUUID() + "/my-pack", http.bearer(user.path("accessToken").asText())));
    }

    private static void assertNoStore(Reply reply) {
        assertEquals("no-store", reply.header("Cache-Control"), reply.status() + " " + reply.headers());
        assertEquals("no-cache", reply.header("Pragma"), reply.status() + " " + reply.headers());
    }
}
