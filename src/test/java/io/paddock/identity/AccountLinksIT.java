package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.Mailbox;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.StandIns;

/**
 * Black-box: an account's ways to sign in — unlinking a provider (never the last way), adding an email address and
 * password to an account made by Discord or Twitch — and what a member sees of the verification rule, including a
 * plugin seen only through unsigned presence heartbeats, which never counts.
 */
@PaddockIT
class AccountLinksIT extends BlackBox {

    private static final String PASSWORD = "correct horse 42";

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void aProviderUnlinksOnlyWhileAnotherWayToSignInIsLeft() {
        JsonNode user = http.newUser("user", "discord=" + UUID.randomUUID() + "&twitch=" + unique("unlinker"));
        String[] auth = http.bearer(user.path("accessToken").asText());
        assertEquals(List.of("discord", "twitch"), providers(auth));

        assertEquals(204, http.send("DELETE", "api/auth/identities/twitch", null, null, auth).status());
        assertEquals(List.of("discord"), providers(auth));

        JsonNode refused = Problems.assertProblem(http.send("DELETE", "api/auth/identities/discord", null, null, auth),
                409, "/problems/last-sign-in-method");
        assertTrue(refused.path("detail").asText().contains("only way you can sign in"), refused.toString());
        assertEquals(List.of("discord"), providers(auth));
        Problems.assertProblem(http.send("DELETE", "api/auth/identities/twitch", null, null, auth), 404,
                "/problems/identity-not-linked");
        Problems.assertProblem(http.send("DELETE", "api/auth/identities/myspace", null, null, auth), 404,
                "/problems/identity-not-linked");
    }

    @Test
    void aDiscordAccountAddsEmailAndPasswordSignsInWithThemAndMayThenDropDiscord() {
        JsonNode user = http.newUser("user", "name=Added%20Later&discord=" + UUID.randomUUID());
        String[] auth = http.bearer(user.path("accessToken").asText());
        String email = unique("added") + "@example.test";

        Reply added = http.send("POST", "api/auth/email", "application/json",
                "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + PASSWORD + "\"}", auth);
        assertEquals(201, added.status(), added.body());
        assertEquals(email, added.json().path("email").asText());
        assertFalse(added.json().path("emailVerified").asBoolean());
        // Unconfirmed, the address is no way to sign in yet: Discord stays the only one.
        Problems.assertProblem(http.send("DELETE", "api/auth/identities/discord", null, null, auth), 409,
                "/problems/last-sign-in-method");
        Problems.assertProblem(http.send("POST", "api/auth/email", "application/json",
                "{\"email\":\"other-" + email + "\",\"password\":\"" + PASSWORD + "\"}", auth), 409,
                "/problems/email-already-set");

        Mailbox.Mail mail = Mailbox.awaitMail(email, 1);
        assertTrue(mail.text().contains("&next=%2Faccount.html"), mail.text());
        assertEquals(200, http.send("POST", "api/auth/verify-email", "application/json",
                "{\"token\":\"" + mail.token() + "\"}").status());
        Reply signedIn = http.send("POST", "api/auth/login", "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, signedIn.status(), signedIn.body());
        assertEquals(user.path("userId").asText(), signedIn.json().path("user_id").asText());

        assertEquals(204, http.send("DELETE", "api/auth/identities/discord", null, null, auth).status());
        assertEquals(List.of("email"), providers(auth));
        Problems.assertProblem(http.send("DELETE", "api/auth/identities/email", null, null, auth), 409,
                "/problems/last-sign-in-method");
    }

    @Test
    void anAddressOfAnotherAccountOrAWeakPasswordIsRefusedByField() {
        String taken = unique("taken") + "@example.test";
        JsonNode owner = http.newUser("user", "discord=" + UUID.randomUUID());
        assertEquals(201, http.send("POST", "api/auth/email", "application/json",
                "{\"email\":\"" + taken + "\",\"password\":\"" + PASSWORD + "\"}",
                http.bearer(owner.path("accessToken").asText())).status());

        String[] auth = http.bearer(http.newUser("user", "twitch=" + unique("late")).path("accessToken").asText());
        Problems.assertProblem(http.send("POST", "api/auth/email", "application/json",
                "{\"email\":\"" + taken + "\",\"password\":\"" + PASSWORD + "\"}", auth), 409, "/problems/email-taken");
        JsonNode weak = Problems.assertProblem(http.send("POST", "api/auth/email", "application/json",
                "{\"email\":\"" + unique("weak") + "@example.test\",\"password\":\"short\"}", auth), 400,
                "/problems/weak-password");
        assertEquals("password", weak.path("errors").path(0).path("field").asText(), weak.toString());
        assertEquals("", http.get("api/auth/me", auth).json().path("email").asText(""));
    }

    @Test
    void pendingMembershipSaysWhatIsMissingAndPresenceNeverCounts() {
        JsonNode user = http.newUser("user", "discord=" + UUID.randomUUID());
        String[] auth = http.bearer(user.path("accessToken").asText());
        JsonNode before = http.get("api/members/me/verification", auth).json();
        assertEquals("pending", before.path("memberState").asText());
        assertEquals(List.of("discord-linked:true", "active-installation:false", "verified-result:false"),
                checks(before));
        assertFalse(before.hasNonNull("unverifiedPlugin"), before.toString());

        // An older plugin: the seeds' minimal {version} with the user's Paddock token, no installation signature.
        Reply presence = http.send("POST", "api/plugin/heartbeat", "application/json", "{\"version\":\"0.9.1\"}",
                auth);
        assertEquals(200, presence.status(), presence.body());
        assertTrue(presence.json().path("accepted").asBoolean(), presence.body());
        assertEquals("UNVERIFIED_PRESENCE", presence.json().path("code").asText());
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "application/json",
                "{\"version\":\"0.9.1\"}", auth), 429, "/problems/rate-limited");
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "application/json",
                "{\"currentSpeed\":120,\"currentRPM\":7000,\"currentGear\":4,\"currentLapTime\":61.2,"
                        + "\"currentPosition\":2,\"sessionTime\":300,\"telemetryHash\":\"x\"}", auth),
                400, "/problems/telemetry-needs-signature");

        JsonNode after = http.get("api/members/me/verification", auth).json();
        assertEquals("0.9.1", after.path("unverifiedPlugin").path("pluginVersion").asText(), after.toString());
        assertEquals(List.of("discord-linked:true", "active-installation:false", "verified-result:false"),
                checks(after));
        assertEquals("pending", after.path("memberState").asText());
        assertEquals("pending", http.get("api/profile/me", auth).json().path("verificationState").asText());
    }

    @Test
    void theConfiguredPluginDownloadIsPublic() {
        JsonNode download = http.get("api/plugin/download").json();
        assertEquals(StandIns.PLUGIN_DOWNLOAD_URL, download.path("url").asText());
        assertEquals("1.4.0", download.path("version").asText());
        assertTrue(http.get("api/auth/config").json().path("emailSignUp").asBoolean(), "the tests' SMTP stand-in");
    }

    @Test
    void sessionsNameTheirDeviceInWords() {
        JsonNode user = http.newUser("user", "discord=" + UUID.randomUUID());
        Reply signedIn = http.send("GET", "api/auth/sessions", null, null, "Cookie",
                "paddock_session=" + user.path("sessionCookie").asText());
        assertEquals(200, signedIn.status(), signedIn.body());
        JsonNode session = signedIn.json().path(0);
        assertTrue(session.has("device") && !session.path("device").asText().isBlank(), session.toString());
    }

    private List<String> providers(String[] auth) {
        List<String> providers = new ArrayList<>();
        http.get("api/auth/me", auth).json().path("identities").forEach(i -> providers.add(i.path("provider").asText()));
        providers.sort(null);
        return providers;
    }

    private static List<String> checks(JsonNode membership) {
        List<String> checks = new ArrayList<>();
        membership.path("checks").forEach(c -> checks.add(c.path("name").asText() + ":" + c.path("met").asBoolean()));
        return checks;
    }

    private static String unique(String name) {
        return name + UUID.randomUUID().toString().substring(0, 8);
    }
}
