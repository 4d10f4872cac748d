package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.racing.ModClient;
import io.paddock.telemetry.PluginClient;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: staff suspend and restore accounts and sign them out. A suspension stops every kind of
 * credential at once (access token, API key, browser session, refresh token, a plugin installation's
 * signed requests, a racing mod token and its pack link, an open mod socket); a restore gives them back. Each action
 * writes exactly one audit row.
 */
@PaddockIT
class AccountSuspensionIT extends BlackBox {

    static final String JSON = "application/json";
    static final String WHY = "{\"reason\":\"Chargeback fraud under investigation\",\"ticketId\":\"OPS-77\"}";
    static final Duration WAIT = Duration.ofSeconds(15);

    Http http;
    JsonNode admin;
    String[] asAdmin;

    @BeforeEach
    void staff() {
        http = new Http(base);
        admin = http.newUser("admin");
        asAdmin = http.bearer(admin.path("accessToken").asText());
    }

    @Test
    void aSuspensionStopsEveryCredentialAtOnceAndARestoreGivesThemBack() {
        String login = "suspect_" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode user = http.newUser("user", "twitch=" + login);
        String userId = user.path("userId").asText();
        PluginClient plugin = new PluginClient(http, "iRacing");
        assertEquals(201, plugin.register(user.path("accessToken").asText()).status());
        assertEquals(200, plugin.anyHeartbeat().status());

        JsonNode organizer = http.newUser("user");
        String raceId = raceWith(organizer, login);
        String modToken = ModClient.modTokens(http, raceId, organizer).get(login);
        HttpClient client = HttpClient.newHttpClient();

        assertCredentialsWork(user);
        try (ModClient mod = ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId))) {
            mod.auth(modToken);

            Reply suspended = http.send("POST", "api/admin/users/" + userId + "/suspend", JSON, WHY, asAdmin);
            assertEquals(200, suspended.status(), suspended.body());
            assertTrue(suspended.json().hasNonNull("suspendedAt"), suspended.body());
            assertEquals(4005, mod.awaitClose(WAIT), "the open mod socket is closed at once");
        }

        Problems.assertProblem(http.get("api/auth/me", http.bearer(user.path("accessToken").asText())), 401,
                "/problems/invalid-token");
        Problems.assertProblem(http.get("api/auth/me", http.bearer(user.path("apiKey").asText())), 401,
                "/problems/invalid-token");
        Problems.assertProblem(http.get("api/auth/me", "Cookie", cookie(user)), 401, "/problems/unauthenticated");
        Problems.assertProblem(refresh(user.path("refreshToken").asText()), 403, "/problems/account-suspended");
        Problems.assertProblem(plugin.anyHeartbeat(), 403, "/problems/account-suspended");
        Problems.assertProblem(http.get("api/races/" + raceId + "/download/" + modToken), 403,
                "/problems/account-suspended");
        try (ModClient mod = ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId))) {
            mod.send("type", "auth", "mod_token", modToken);
            assertEquals(4005, mod.awaitClose(WAIT), "a suspended participant's mod token is refused");
        }
        Problems.assertProblem(http.send("POST", "api/admin/users/" + userId + "/suspend", JSON, WHY, asAdmin), 409,
                "/problems/account-already-suspended");

        Reply restored = http.send("POST", "api/admin/users/" + userId + "/restore", JSON, WHY, asAdmin);
        assertEquals(200, restored.status(), restored.body());
        assertTrue(restored.json().path("suspendedAt").isMissingNode() || restored.json().path("suspendedAt").isNull(),
                restored.body());
        assertCredentialsWork(user);
        assertEquals(200, plugin.anyHeartbeat().status());
        assertEquals(200, refresh(user.path("refreshToken").asText()).status(), "the refresh token was kept");
        assertEquals(200, http.get("api/races/" + raceId + "/download/" + modToken).status(), "the pack link works again");
        try (ModClient mod = ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId))) {
            assertTrue(mod.auth(modToken).hasNonNull("participant_id"), "the mod token works again");
        }

        JsonNode suspends = trail(userId, "identity.user.suspend");
        assertEquals(1, suspends.size(), suspends.toString());
        assertEquals("suspended=false", suspends.path(0).path("before").asText());
        assertEquals("suspended=true", suspends.path(0).path("after").asText());
        assertEquals("OPS-77", suspends.path(0).path("ticketId").asText());
        assertEquals(admin.path("userId").asText(), suspends.path(0).path("actorId").asText());
        assertEquals(1, trail(userId, "identity.user.restore").size());
    }

    @Test
    void aForcedSignOutEndsSessionsAndRefreshTokensWithOneAuditRow() {
        JsonNode user = http.newUser("user");
        String userId = user.path("userId").asText();
        Reply out = http.send("POST", "api/admin/users/" + userId + "/sign-out", JSON, WHY, asAdmin);
        assertEquals(200, out.status(), out.body());

        Problems.assertProblem(http.get("api/auth/me", "Cookie", cookie(user)), 401, "/problems/unauthenticated");
        Problems.assertProblem(refresh(user.path("refreshToken").asText()), 401, "/problems/invalid-refresh-token");
        assertEquals(200, http.get("api/auth/me", http.bearer(user.path("apiKey").asText())).status(),
                "API keys are not sessions: they stay until revoked");
        JsonNode rows = trail(userId, "identity.user.sign-out");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("sessions=1, refreshTokens=1", rows.path(0).path("before").asText());
    }

    @Test
    void nobodySuspendsThemselvesAndOnlyASuperadminSuspendsASuperadmin() {
        String adminId = admin.path("userId").asText();
        Problems.assertProblem(http.send("POST", "api/admin/users/" + adminId + "/suspend", JSON, WHY, asAdmin), 409,
                "/problems/own-account");
        JsonNode superadmin = http.newUser("superadmin");
        String superId = superadmin.path("userId").asText();
        Problems.assertProblem(http.send("POST", "api/admin/users/" + superId + "/suspend", JSON, WHY, asAdmin), 403,
                "/problems/superadmin-protected");
        JsonNode noTicket = Problems.assertProblem(http.send("POST", "api/admin/users/" + adminId + "/sign-out", JSON,
                "{\"reason\":\"Chargeback fraud under investigation\"}", asAdmin), 400, "/problems/validation");
        assertEquals("ticketId", noTicket.path("errors").path(0).path("field").asText(), noTicket.toString());

        String[] asSuper = http.bearer(superadmin.path("accessToken").asText());
        JsonNode other = http.newUser("superadmin");
        String otherId = other.path("userId").asText();
        assertEquals(200, http.send("POST", "api/admin/users/" + otherId + "/suspend", JSON, WHY, asSuper).status());
        assertEquals(200, http.send("POST", "api/admin/users/" + otherId + "/restore", JSON, WHY, asSuper).status());
        assertEquals(0, trail(superId, "identity.user.suspend").size(), "refusals leave no row");
        assertEquals(1, trail(otherId, "identity.user.suspend").size());
        Problems.assertProblem(http.send("POST", "api/admin/users/" + otherId + "/restore", JSON, WHY, asSuper), 409,
                "/problems/account-not-suspended");
    }

    @Test
    void theUserDetailShowsIdentitiesSessionsInstallationsPlanAndResults() {
        String login = "detail_" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode user = http.newUser("user", "twitch=" + login);
        PluginClient plugin = new PluginClient(http, "iRacing");
        assertEquals(201, plugin.register(user.path("accessToken").asText()).status());
        String[] support = http.bearer(http.newUser("support").path("accessToken").asText());

        Reply detail = http.get("api/admin/users/" + user.path("userId").asText(), support);
        assertEquals(200, detail.status(), detail.body());
        JsonNode d = detail.json();
        assertEquals("user", d.path("role").asText());
        assertEquals("twitch", d.path("linkedIdentities").path(0).path("provider").asText(), d.toString());
        assertEquals(login, d.path("linkedIdentities").path(0).path("username").asText());
        assertEquals(1, d.path("sessions").size(), d.toString());
        assertEquals(1, d.path("installations").size(), d.toString());
        assertEquals("iRacing", d.path("installations").path(0).path("simPlatform").asText());
        assertTrue(!d.path("plan").path("plan").asText().isEmpty(), d.toString());
        assertTrue(d.path("recentResults").isArray() && d.path("recentResults").isEmpty(), d.toString());
    }

    private void assertCredentialsWork(JsonNode user) {
        assertEquals(200, http.get("api/auth/me", http.bearer(user.path("accessToken").asText())).status());
        assertEquals(200, http.get("api/auth/me", http.bearer(user.path("apiKey").asText())).status());
        assertEquals(200, http.get("api/auth/me", "Cookie", cookie(user)).status());
    }

    private static String cookie(JsonNode user) {
        return "paddock_session=" + user.path("sessionCookie").asText();
    }

    private Reply refresh(String token) {
        return http.send("POST", "api/auth/refresh", JSON, "{\"refresh_token\":\"" + token + "\"}");
    }

    private String raceWith(JsonNode organizer, String login) {
        String[] auth = http.bearer(organizer.path("accessToken").asText());
        Reply created = http.send("POST", "api/races", JSON, "{\"name\":\"Race " + UUID.randomUUID()
                + "\",\"pool_name\":\"standard\",\"config\":{\"max_participants\":8}}", auth);
        assertEquals(201, created.status(), created.body());
        String raceId = created.json().path("id").asText();
        Reply added = http.send("POST", "api/races/" + raceId + "/participants", JSON,
                "{\"twitch_username\":\"" + login + "\"}", auth);
        assertEquals(201, added.status(), added.body());
        return raceId;
    }

    private JsonNode trail(String userId, String action) {
        Reply reply = http.get("api/admin/audit?targetType=user&targetId=" + userId + "&action=" + action, asAdmin);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("entries");
    }
}
