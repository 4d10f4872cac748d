package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.security.RandomSecrets;
import io.paddock.testing.BlackBox;
import io.paddock.testing.FakeDiscord;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.StandIns;

/**
 * Black-box: Discord web sign-in and Twitch sign-in hop by hop through the loopback stand-ins
 * (Paddock → fake authorize → Paddock callback → Gate page), the failures of the callback (forged,
 * expired, reused state; reused code; cancelled consent), and linking a provider to a signed-in user.
 */
@PaddockIT
class OAuthSignInIT extends BlackBox {

    /** Unique provider user ids, so tests never share an account. */
    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
        // Starting a sign-in counts against the per-IP sign-in limit (20/min); every test comes from
        // 127.0.0.1, so each starts in a fresh window.
        advance(61);
    }

    @Test
    void discordWebSignInCreatesTheUserAndStartsASession() {
        String discordId = Long.toString(IDS.incrementAndGet());
        Reply start = http.get("auth/discord");
        assertEquals(302, start.status(), start.body());
        URI authorize = URI.create(start.header("Location"));
        Map<String, String> query = query(authorize);
        assertTrue(authorize.toString().startsWith(StandIns.httpBase() + "/discord/oauth2/authorize?"), authorize.toString());
        assertEquals(FakeDiscord.CLIENT_ID, query.get("client_id"));
        assertEquals("code", query.get("response_type"));
        assertEquals("identify", query.get("scope"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(43, query.get("code_challenge").length());
        assertTrue(query.get("redirect_uri").endsWith("/auth/callback"), query.get("redirect_uri"));
        assertFalse(query.get("state").isBlank());

        Reply callback = finish(start, discordId);
        assertEquals(302, callback.status(), callback.body());
        assertTrue(callback.header("Location").contains("/gate.html?success=1"), callback.header("Location"));
        String cookie = sessionCookie(callback);
        assertTrue(callback.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("paddock_session=") && c.contains("HttpOnly")));
        assertTrue(callback.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("paddock_csrf=")));

        JsonNode me = http.get("api/auth/me", "Cookie", cookie).json();
        assertEquals("web", me.path("authMethod").asText());
        assertEquals("session", me.path("credential").asText());
        assertEquals("Racer " + discordId, me.path("displayName").asText());
        JsonNode identity = me.path("identities").path(0);
        assertEquals("discord", identity.path("provider").asText());
        assertEquals(discordId, identity.path("providerUserId").asText());
        assertEquals("racer" + discordId, identity.path("username").asText());
        assertTrue(me.path("avatarUrl").asText().endsWith("/avatars/" + discordId + "/avatarhash" + discordId + ".png"),
                me.toString());

        // Signing in again with the same Discord account finds the same Paddock user.
        Reply again = finish(http.get("auth/discord"), discordId);
        JsonNode meAgain = http.get("api/auth/me", "Cookie", sessionCookie(again)).json();
        assertEquals(me.path("id").asText(), meAgain.path("id").asText());
        assertEquals(1, meAgain.path("identities").size());
    }

    @Test
    void twitchSignInCreatesTheUserWithTheLoginAsUsername() {
        String twitchId = Long.toString(IDS.incrementAndGet());
        Reply start = http.get("api/auth/twitch?return_to=" + enc("/qr.html?id=abc"));
        assertEquals(302, start.status(), start.body());
        URI authorize = URI.create(start.header("Location"));
        assertTrue(authorize.toString().startsWith(StandIns.httpBase() + "/twitch/oauth2/authorize?"));
        assertTrue(query(authorize).get("redirect_uri").endsWith("/api/auth/callback"));

        Reply callback = finish(start, twitchId);
        assertEquals(302, callback.status(), callback.body());
        // Signed in, straight back to the page that asked (the Gate only when there is none).
        URI back = URI.create(callback.header("Location"));
        assertEquals("/qr.html?id=abc", back.getRawPath() + "?" + back.getRawQuery(), callback.header("Location"));
        JsonNode me = http.get("api/auth/me", "Cookie", sessionCookie(callback)).json();
        assertEquals("twitch", me.path("authMethod").asText());
        JsonNode identity = me.path("identities").path(0);
        assertEquals("twitch", identity.path("provider").asText());
        assertEquals(twitchId, identity.path("providerUserId").asText());
        assertEquals("streamer" + twitchId, identity.path("username").asText());
        assertEquals("Streamer" + twitchId, identity.path("displayName").asText());
    }

    @Test
    void returnTargetsABrowserCouldReadAsAnotherOriginAreDropped() {
        for (String hostile : new String[] {"/\\evil.example", "/\t/evil.example", "//evil.example"}) {
            Reply start = http.get("api/auth/twitch?return_to=" + enc(hostile));
            Reply callback = finish(start, Long.toString(IDS.incrementAndGet()));
            Map<String, String> gate = query(URI.create(callback.header("Location")));
            assertEquals("1", gate.get("success"), callback.header("Location"));
            assertEquals("twitch", gate.get("provider"), callback.header("Location"));
            assertFalse(gate.containsKey("next"), callback.header("Location"));
            assertFalse(gate.containsKey("message"), callback.header("Location"));
        }
    }

    @Test
    void forgedOrMissingStateIsRefused() {
        String forged = RandomSecrets.token();
        String cookie = "paddock_oauth_state=" + forged;
        assertGateError(http.get("auth/callback?code=whatever&state=" + forged, "Cookie", cookie), "invalid-state");
        assertGateError(http.get("auth/callback?code=whatever"), "invalid-state");
        assertGateError(http.get("api/auth/callback?code=whatever&state=" + forged, "Cookie", cookie), "invalid-state");
    }

    @Test
    void callbackOpenedInAnotherBrowserIsRefused() {
        Reply start = http.get("auth/discord");
        String back = authorizeAt(start.header("Location"), IDS.incrementAndGet());
        // A forwarded callback link (login CSRF): the victim's browser lacks the state cookie.
        assertGateError(http.get(local(back)), "state-mismatch");
        assertGateError(http.get(local(back), "Cookie", "paddock_oauth_state=" + RandomSecrets.token()), "state-mismatch");
        // The state was not used up by those: the browser that started the sign-in completes it.
        Reply mine = http.get(local(back), "Cookie", stateCookie(start));
        assertTrue(mine.header("Location").contains("success=1"), mine.header("Location"));
        assertTrue(mine.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("paddock_oauth_state=;")
                || c.startsWith("paddock_oauth_state=\"\"")), mine.headers().toString());
    }

    @Test
    void stateExpiresAfterTenMinutes() {
        Reply start = http.get("auth/discord");
        String back = authorizeAt(start.header("Location"), IDS.incrementAndGet());
        advance(10 * 60 + 1);
        assertGateError(http.get(local(back), "Cookie", stateCookie(start)), "state-expired");
    }

    @Test
    void stateIsSingleUse() {
        Reply start = http.get("auth/discord");
        String back = authorizeAt(start.header("Location"), IDS.incrementAndGet());
        assertTrue(http.get(local(back), "Cookie", stateCookie(start)).header("Location").contains("success=1"));
        Reply replay = http.get(local(back), "Cookie", stateCookie(start));
        assertGateError(replay, "state-used");
        assertFalse(replay.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("paddock_session=")),
                "no session for a replay");
    }

    @Test
    void stateOfOneProviderIsRefusedByTheOther() {
        Reply start = http.get("auth/discord");
        String back = authorizeAt(start.header("Location"), IDS.incrementAndGet());
        Map<String, String> query = query(URI.create(back));
        assertGateError(http.get("api/auth/callback?code=" + query.get("code") + "&state=" + query.get("state"),
                "Cookie", stateCookie(start)), "invalid-state");
    }

    @Test
    void reusedCodeIsRefused() {
        long user = IDS.incrementAndGet();
        Reply firstStart = http.get("auth/discord");
        String first = authorizeAt(firstStart.header("Location"), user);
        assertTrue(http.get(local(first), "Cookie", stateCookie(firstStart)).header("Location").contains("success=1"));
        // A fresh state with the already used code: Discord refuses the code.
        Reply secondStart = http.get("auth/discord");
        Map<String, String> second = query(URI.create(authorizeAt(secondStart.header("Location"), user)));
        String usedCode = query(URI.create(first)).get("code");
        Reply reply = http.get("auth/callback?code=" + usedCode + "&state=" + enc(second.get("state")),
                "Cookie", stateCookie(secondStart));
        assertGateError(reply, "authorization-code-rejected");
    }

    @Test
    void providerFailuresEndAtTheGateNotInAServerError() {
        for (String code : new String[] {"stand-in-500", "stand-in-not-json"}) {
            Reply start = http.get("auth/discord");
            String state = query(URI.create(start.header("Location"))).get("state");
            assertGateError(http.get("auth/callback?code=" + code + "&state=" + enc(state), "Cookie", stateCookie(start)),
                    "provider-unavailable");
        }
    }

    @Test
    void cancelledConsentEndsAtTheGateWithAnError() {
        Reply start = http.get("auth/discord");
        String back = send(start.header("Location") + "&test_deny=1").headers().firstValue("Location").orElseThrow();
        assertGateError(http.get(local(back), "Cookie", stateCookie(start)), "access-denied");
    }

    @Test
    void signedInTwitchUserLinksDiscord() {
        JsonNode twitchUser = http.newUser("user", "twitch=linker" + IDS.incrementAndGet());
        String session = "paddock_session=" + twitchUser.path("sessionCookie").asText();
        String discordId = Long.toString(IDS.incrementAndGet());

        Reply linked = finish(http.get("auth/discord?link=1", "Cookie", session), discordId, session);
        assertTrue(linked.header("Location").contains("success=1&linked=1"), linked.header("Location"));
        assertFalse(linked.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("paddock_session=")),
                "linking keeps the current session");

        JsonNode me = http.get("api/auth/me", "Cookie", session).json();
        assertEquals(twitchUser.path("userId").asText(), me.path("id").asText());
        assertEquals(2, me.path("identities").size(), me.toString());
        assertTrue(me.path("identities").findValuesAsText("provider").contains("discord"));

        // Signing in with that Discord account now reaches the Twitch user's account.
        Reply signIn = finish(http.get("auth/discord"), discordId);
        assertEquals(twitchUser.path("userId").asText(),
                http.get("api/auth/me", "Cookie", sessionCookie(signIn)).json().path("id").asText());

        // Another user cannot link the same Discord account.
        JsonNode other = http.newUser("user", "twitch=other" + IDS.incrementAndGet());
        String otherSession = "paddock_session=" + other.path("sessionCookie").asText();
        Reply refused = finish(http.get("auth/discord?link=1", "Cookie", otherSession), discordId, otherSession);
        assertGateError(refused, "identity-linked-elsewhere");
        assertEquals(1, http.get("api/auth/me", "Cookie", otherSession).json().path("identities").size());
    }

    @Test
    void signedInDiscordUserLinksTwitch() {
        JsonNode discordUser = http.newUser("user", "discord=" + IDS.incrementAndGet());
        String session = "paddock_session=" + discordUser.path("sessionCookie").asText();
        long twitchId = IDS.incrementAndGet();
        Reply linked = finish(http.get("api/auth/twitch?link=1", "Cookie", session), Long.toString(twitchId), session);
        assertTrue(linked.header("Location").contains("linked=1"), linked.header("Location"));
        JsonNode me = http.get("api/auth/me", "Cookie", session).json();
        assertTrue(me.path("identities").findValuesAsText("username").contains("streamer" + twitchId), me.toString());
    }

    @Test
    void linkingNeedsASignedInUser() {
        assertGateError(http.get("auth/discord?link=1"), "unauthenticated");
        assertGateError(http.get("api/auth/twitch?link=1"), "unauthenticated");
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Follows Paddock's redirect to the fake provider as {@code providerUserId}, then back to Paddock's
     * callback as the same browser (the state cookie, plus any other cookies such as a session).
     */
    Reply finish(Reply start, String providerUserId, String... cookies) {
        assertEquals(302, start.status(), start.body());
        String cookie = String.join("; ", java.util.stream.Stream.concat(java.util.stream.Stream.of(stateCookie(start)),
                java.util.Arrays.stream(cookies)).toList());
        return http.get(local(authorizeAt(start.header("Location"), Long.parseLong(providerUserId))), "Cookie", cookie);
    }

    /** The state cookie Paddock set when the sign-in started, as a Cookie header value. */
    static String stateCookie(Reply start) {
        return start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("paddock_oauth_state="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no state cookie: " + start.headers()));
    }

    /** The provider's redirect back to Paddock (with code and state) after the user consents. */
    static String authorizeAt(String authorizeUrl, long providerUserId) {
        HttpResponse<String> consent = send(authorizeUrl + "&test_user=" + providerUserId);
        assertEquals(302, consent.statusCode(), consent.body());
        return consent.headers().firstValue("Location").orElseThrow();
    }

    static HttpResponse<String> send(String url) {
        try {
            return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The redirect URI is built from paddock.public-url, which the tests leave at its default: call the
     * same path and query on the server under test.
     */
    static String local(String absolute) {
        URI uri = URI.create(absolute);
        return uri.getRawPath().substring(1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    void advance(long seconds) {
        assertEquals(200, http.send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null).status());
    }

    static void assertGateError(Reply reply, String error) {
        assertEquals(302, reply.status(), reply.body());
        String location = reply.header("Location");
        assertNotNull(location);
        Map<String, String> query = query(URI.create(location));
        assertTrue(URI.create(location).getPath().endsWith("/gate.html"), location);
        assertEquals(error, query.get("error"), location);
        assertFalse(query.containsKey("message"), "the Gate words its codes itself: " + location);
        assertNotEquals("1", query.get("success"));
    }

    static String sessionCookie(Reply reply) {
        return reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("paddock_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + reply.headers()));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
