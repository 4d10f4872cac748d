package io.paddock.discord;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import io.paddock.testing.Chromium;
import io.paddock.testing.DiscordDeployments;
import io.paddock.testing.FakeDiscordGateway;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/**
 * A race gets its voice room when it enters countdown; its page shows the room with a join link, and a
 * stand-in {@code voice.joined} appears there live (by Paddock name for a linked Discord account), then
 * goes with {@code voice.left}. After the finish and the grace period the room is removed.
 */
@PaddockIT
class RaceRoomBrowserIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DiscordDeployments.botOn();
    }

    @ArquillianResource
    URL base;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    final FakeDiscordGateway discord = FakeDiscordGateway.get();

    JsonNode awaitRoom(Http http, String raceId) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode answer = http.get("api/discord/races/" + raceId + "/room").json();
            if (answer.path("room").isObject()) {
                return answer.path("room");
            }
            assertTrue(System.nanoTime() < end, "no race room: " + answer);
            DiscordBotIT.sleep(100);
        }
    }

    @Test
    void aRaceInCountdownShowsItsVoiceRoomAndWhoJoinsLive() {
        Http http = new Http(base);
        FakeDiscordGateway.await("the bot", () -> discord.identifiedAndLive());
        JsonNode organizer = http.newUser("user", "name=Organizer");
        String[] auth = http.bearer(organizer.path("accessToken").asText());
        String login = "vc_" + UUID.randomUUID().toString().substring(0, 8);
        http.newUser("user", "twitch=" + login);
        String name = "Voice " + UUID.randomUUID().toString().substring(0, 8);
        String raceId = http.send("POST", "api/races", "application/json", "{\"name\":\"" + name + "\"}", auth).json()
                .path("id").asText();
        http.send("POST", "api/races/" + raceId + "/participants", "application/json",
                "{\"twitch_username\":\"" + login + "\"}", auth);
        http.send("POST", "api/races/" + raceId + "/open", null, null, auth);
        http.send("POST", "api/races/" + raceId + "/generate-zips", null, null, auth);
        Instant now = Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=0", null, null).json()
                .asText());
        assertEquals(200, http.send("POST", "api/races/" + raceId + "/start", "application/json",
                "{\"scheduled_start\":\"" + now.plusSeconds(600) + "\"}", auth).status());

        JsonNode room = awaitRoom(http, raceId);
        String channel = room.path("channelId").asText();
        assertEquals("Race: " + name, room.path("name").asText());
        assertTrue(discord.hasChannel(channel));

        String linkedDiscordId = DiscordBotIT.discordId();
        JsonNode viewer = http.newUser("user", "name=Voice+Viewer&discord=" + linkedDiscordId);
        try (BrowserContext context = chromium.browser().newContext()) {
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", viewer.path("sessionCookie").asText()).setUrl(url),
                    new Cookie("paddock_csrf", viewer.path("csrfToken").asText()).setUrl(url)));
            Page page = context.newPage();
            page.navigate(base + "race/" + raceId);
            assertThat(page.locator("#voice-room-state")).hasText("Race: " + name);
            assertThat(page.locator("#voice-room-join")).hasAttribute("href",
                    java.util.regex.Pattern.compile(".*/channels/" + FakeDiscordGateway.GUILD_ID + "/" + channel + "$"));
            assertThat(page.locator("#voice-room")).hasAttribute("data-live", "true");

            discord.voiceJoin(linkedDiscordId, "viewer-on-discord", channel);
            assertThat(page.locator("#voice-room-members")).containsText("Voice Viewer");
            String stranger = DiscordBotIT.discordId();
            discord.voiceJoin(stranger, "stranger-on-discord", channel);
            assertThat(page.locator("#voice-room-members")).containsText("stranger-on-discord");
            discord.voiceLeave(linkedDiscordId, "viewer-on-discord");
            assertThat(page.locator("#voice-room-members li")).hasCount(1);
            assertThat(page.locator("#voice-room-members")).containsText("stranger-on-discord");
        }

        // The snapshot agrees with what the page showed.
        JsonNode members = http.get("api/discord/races/" + raceId + "/room").json().path("room").path("members");
        assertEquals(1, members.size(), members.toString());

        // Back to setup: the room goes once the (one-second) grace period is over.
        assertEquals(200, http.send("POST", "api/races/" + raceId + "/reset", "application/json", "{}", auth).status());
        // The test clock stands still: move it past the grace period (the sweep runs every 10 s).
        FakeDiscordGateway.await("the grace period to start", () -> http.get("api/discord/races/" + raceId + "/room")
                .json().path("room").path("endAfter").isTextual());
        http.send("POST", "api/test-support/clock/advance?seconds=2", null, null);
        FakeDiscordGateway.await("the race room to be removed", () -> !discord.hasChannel(channel));
        long end = System.nanoTime() + WAIT.toNanos();
        while (http.get("api/discord/races/" + raceId + "/room").json().path("room").isObject()) {
            assertTrue(System.nanoTime() < end, "the room is still open");
            DiscordBotIT.sleep(100);
        }
        assertTrue(discord.auditReasons().stream().anyMatch(r -> r.contains(raceId) && r.contains("grace period")),
                discord.auditReasons().toString());
    }
}
