package io.paddock.racing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Browsers;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/** Black-box: an invite is no bearer ticket; only the invited Twitch login accepts it, under its own name. */
@PaddockIT
class InvitesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    Http http;
    JsonNode organizer;
    String raceId;

    @BeforeEach
    void newRace() {
        http = new Http(base);
        organizer = http.newUser("user");
        Reply created = post("api/races", "{\"name\":\"Invites " + UUID.randomUUID() + "\",\"pool_name\":\"standard\"}",
                organizer);
        assertEquals(201, created.status(), created.body());
        raceId = created.json().path("id").asText();
    }

    @Test
    void onlyTheInvitedTwitchAccountAcceptsAndJoinsUnderItsOwnName() {
        String dana = unique("dana");
        String token = invite(dana);

        JsonNode discordOnly = http.newUser("user", "name=Somebody%20Else&discord=" + UUID.randomUUID());
        JsonNode refused = Problems.assertProblem(accept(token, discordOnly), 403,
                "/problems/invite-for-another-account");
        assertTrue(refused.path("detail").asText().contains("Twitch user " + dana + ": sign in with that Twitch account"),
                refused.toString());

        String eve = unique("eve");
        JsonNode otherTwitch = http.newUser("user", "name=Eve&twitch=" + eve);
        refused = Problems.assertProblem(accept(token, otherTwitch), 403, "/problems/invite-for-another-account");
        assertTrue(refused.path("detail").asText().contains(dana) && refused.path("detail").asText().contains(eve),
                refused.toString());
        assertEquals("pending", http.get("api/invite/" + token).json().path("state").asText(), "refusals spend nothing");
        assertEquals(0, race().path("participants").size());

        JsonNode danaUser = http.newUser("user", "name=Dana%20Racer&twitch=" + dana);
        Reply accepted = accept(token, danaUser);
        assertEquals(200, accepted.status(), accepted.body());
        JsonNode participant = race().path("participants").get(0);
        assertEquals(dana, participant.path("twitch_username").asText(), participant.toString());
        assertEquals("Dana Racer", participant.path("twitch_display_name").asText(), participant.toString());
        assertEquals("accepted", http.get("api/invite/" + token).json().path("state").asText());
    }

    @Test
    void anInviteIsRefusedWithoutSigningIn() {
        String token = invite(unique("fay"));
        Problems.assertProblem(http.send("POST", "api/invite/" + token + "/accept", null, null), 401,
                "/problems/unauthenticated");
    }

    @Test
    void theInvitePageOffersToSignInWithTheInvitedTwitchAccount() {
        String gil = unique("gil");
        String token = invite(gil);
        JsonNode discordOnly = http.newUser("user", "discord=" + UUID.randomUUID());
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a loaded build machine is slow
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright);
                BrowserContext context = browser.newContext()) {
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", discordOnly.path("sessionCookie").asText())
                    .setUrl(url), new Cookie("paddock_csrf", discordOnly.path("csrfToken").asText()).setUrl(url)));
            Page page = context.newPage();
            page.navigate(base + "invite.html?token=" + token);
            page.locator("#accept").click();
            assertThat(page.locator("#alerts")).containsText("This invite is for Twitch user " + gil);
            Locator signIn = page.locator("#twitch-sign-in");
            assertThat(signIn).hasText("Sign in with Twitch as " + gil);
            assertThat(signIn).hasAttribute("href", "/api/auth/twitch?return_to="
                    + URLEncoder.encode("/invite/" + token, StandardCharsets.UTF_8));
        }
        assertEquals(0, race().path("participants").size());
    }

    // --- helpers -------------------------------------------------------------------------------

    private String invite(String login) {
        Reply invited = post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}",
                organizer);
        assertEquals(201, invited.status(), invited.body());
        return invited.json().path("invite").path("token").asText();
    }

    private JsonNode race() {
        return http.get("api/races/" + raceId, http.bearer(organizer.path("accessToken").asText())).json();
    }

    private Reply accept(String token, JsonNode user) {
        return post("api/invite/" + token + "/accept", null, user);
    }

    private Reply post(String path, String body, JsonNode user) {
        return http.send("POST", path, "application/json", body, http.bearer(user.path("accessToken").asText()));
    }

    private static String unique(String login) {
        return login + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
