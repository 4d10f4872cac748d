package io.paddock.racing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.Chromium;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/** A spectator's race page in headless Chromium follows a live race without reloading. */
@PaddockIT
class RacePageBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void theRacePageUpdatesLive() {
        Http http = new Http(base);
        JsonNode organizer = http.newUser("user");
        String[] auth = http.bearer(organizer.path("accessToken").asText());
        String login = "page_" + UUID.randomUUID().toString().substring(0, 8);
        http.newUser("user", "twitch=" + login);
        String name = "Live " + UUID.randomUUID();
        String raceId = http.send("POST", "api/races", "application/json", "{\"name\":\"" + name + "\"}", auth).json()
                .path("id").asText();
        http.send("POST", "api/races/" + raceId + "/participants", "application/json",
                "{\"twitch_username\":\"" + login + "\"}", auth);
        http.send("POST", "api/races/" + raceId + "/open", null, null, auth);
        String url = http.send("POST", "api/races/" + raceId + "/generate-zips", null, null, auth).json()
                .path("downloads").get(0).path("url").asText();
        String token = url.substring(url.lastIndexOf('/') + 1);

        Page list = chromium.browser().newPage();
        list.navigate(base + "races.html");
        assertThat(list.locator("#race-list")).containsText(name);

        Page page = chromium.browser().newPage();
        page.navigate(base + "race.html?id=" + raceId);
        assertThat(page.locator("#race-name")).hasText(name);
        assertThat(page.locator("#race-status")).hasText("open");
        assertThat(page.locator("#leaderboard tbody")).containsText(login);

        try (ModClient mod = ModClient.connect(HttpClient.newHttpClient(), ModClient.socketUri(base, "ws/mod/" + raceId))) {
            mod.auth(token);
            assertThat(page.locator("#leaderboard tbody")).containsText(login + " ●");
            Instant now = Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=0", null, null).json()
                    .asText());
            http.send("POST", "api/races/" + raceId + "/start", "application/json",
                    "{\"scheduled_start\":\"" + now.plusSeconds(30) + "\"}", auth);
            assertThat(page.locator("#race-status")).hasText("countdown");
            http.send("POST", "api/test-support/clock/advance?seconds=31", null, null);
            mod.await("race_start", Duration.ofSeconds(15));
            assertThat(page.locator("#race-status")).hasText("running");
            mod.status(65_000, "stormveil", 1, 2);
            assertThat(page.locator("#leaderboard tbody")).containsText("0:01:05");
            assertThat(page.locator("#leaderboard tbody")).containsText("stormveil");
            // Same layer, same order: only a player_updates frame carries this (no full leaderboard).
            mod.status(70_000, "limgrave", 1, 2);
            assertThat(page.locator("#leaderboard tbody")).containsText("0:01:10");
            assertThat(page.locator("#leaderboard tbody")).containsText("limgrave");
            // Player updates carry only the zone entered; the page keeps the history from race_state on.
            mod.zone("start", "a", 75_000);
            mod.zone("a", "b", 80_000);
            assertThat(page.locator("#leaderboard tbody tr").first()).hasAttribute("title", "a → b");
            mod.finished(90_000);
            assertThat(page.locator("#race-status")).hasText("finished");
        }
        assertEquals("finished", http.get("api/races/" + raceId).json().path("status").asText());
    }
}
