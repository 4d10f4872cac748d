package io.paddock.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.racing.ModClient;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * The suite's own configuration has no bot token: the Discord parts say they are off, Paddock stays
 * ready, rooms answer 409 discord-off, and the event socket still works.
 */
@PaddockIT
class DiscordBotOffIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

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
}
