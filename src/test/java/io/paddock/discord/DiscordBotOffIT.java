package io.paddock.discord;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import io.paddock.racing.ModClient;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Chromium;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * The suite's own configuration has no bot token: the Discord parts say they are off, Paddock stays
 * ready, rooms answer 409 discord-off, the event socket still works, and a race's page says its voice
 * rooms are off.
 */
@PaddockIT
class DiscordBotOffIT extends BlackBox {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void withoutATokenTheBotIsOffAndPaddockStaysReady() {
        Http http = new Http(base);
        Reply health = http.get("health/ready");
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().path("status").asText());
        boolean found = false;
        for (JsonNode check : health.json().path("checks")) {
            if (check.path("name").asText().equals("discord-bot")) {
                found = true;
                assertEquals("UP", check.path("status").asText());
                assertEquals("off", check.path("data").path("state").asText());
                assertTrue(check.path("data").path("reason").asText().contains("paddock.discord.bot.token"));
            }
        }
        assertTrue(found, health.body());
        JsonNode features = http.get("api/discord/features").json();
        assertEquals("off", features.path("state").asText());
        assertEquals(false, features.path("raceRooms").asBoolean());
        JsonNode room = http.get("api/discord/races/" + UUID.randomUUID() + "/room").json();
        assertFalse(room.path("room").isObject(), room.toString());

        JsonNode user = http.newUser("user");
        Problems.assertProblem(http.send("POST", "api/create-room", "application/json", "{}",
                http.bearer(user.path("accessToken").asText())), 409, "/problems/discord-off");
        JsonNode admin = http.newUser("admin");
        JsonNode status = http.get("api/admin/discord", http.bearer(admin.path("accessToken").asText())).json();
        assertEquals("off", status.path("bot").path("state").asText());

        try (ModClient socket = ModClient.connect(HttpClient.newHttpClient(), ModClient.socketUri(base, "/api/ws"))) {
            socket.send("type", "auth", "token", user.path("accessToken").asText());
            assertEquals("authenticated", socket.await("ack", Duration.ofSeconds(15)).path("event").asText());
        }
    }

    @Test
    void aRacePageSaysDiscordVoiceRoomsAreOff() {
        Http http = new Http(base);
        JsonNode organizer = http.newUser("user", "name=Organizer");
        String raceId = http.send("POST", "api/races", "application/json",
                "{\"name\":\"Quiet " + UUID.randomUUID().toString().substring(0, 8) + "\"}",
                http.bearer(organizer.path("accessToken").asText())).json().path("id").asText();
        try (BrowserContext context = chromium.browser().newContext()) {
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", organizer.path("sessionCookie").asText())
                    .setUrl(url), new Cookie("paddock_csrf", organizer.path("csrfToken").asText()).setUrl(url)));
            Page page = context.newPage();
            page.navigate(base + "race/" + raceId);
            assertThat(page.locator("#voice-room-state")).hasText("Discord voice rooms are off on this server.");
            assertThat(page.locator("#voice-room-join")).isHidden();
        }
    }
}
