package io.paddock.racing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.Chromium;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/**
 * The race pages in headless Chromium, on a desktop and on a 390 px phone: an organizer creates a race,
 * finds the draft under My races, adds a racer and an invitee, releases the packs, copies a link and
 * starts in one minute; a spectator follows gaps and the seed map live; a reset of a finished race asks
 * first and keeps the results. No page is wider than the screen (360 px included). The README's
 * pictures of the home page and the race room are taken here, so they show the pages as they are.
 */
@PaddockIT
class RacePageBrowserIT {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final Path PICTURES = Path.of("docs/images");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anOrganizerSetsUpAndStartsARaceOnADesktop() {
        organizerWalk(1366, 900);
    }

    @Test
    void anOrganizerSetsUpAndStartsARaceOnAPhone() {
        organizerWalk(390, 844);
    }

    @Test
    void aSpectatorFollowsGapsAndTheSeedMapAndAResetKeepsTheResults() throws Exception {
        Http http = new Http(base);
        JsonNode organizer = http.newUser("user", "name=Race+Organizer");
        String[] auth = http.bearer(organizer.path("accessToken").asText());
        String ana = unique("ana");
        String ben = unique("ben");
        http.newUser("user", "twitch=" + ana);
        http.newUser("user", "twitch=" + ben);
        String name = "Live " + UUID.randomUUID().toString().substring(0, 8);
        String raceId = http.send("POST", "api/races", "application/json", "{\"name\":\"" + name + "\"}", auth).json()
                .path("id").asText();
        for (String login : List.of(ana, ben)) {
            http.send("POST", "api/races/" + raceId + "/participants", "application/json",
                    "{\"twitch_username\":\"" + login + "\"}", auth);
        }
        http.send("POST", "api/races/" + raceId + "/open", null, null, auth);
        Map<String, String> tokens = new HashMap<>();
        for (JsonNode d : http.send("POST", "api/races/" + raceId + "/generate-zips", null, null, auth).json()
                .path("downloads")) {
            String url = d.path("url").asText();
            tokens.put(d.path("twitch_username").asText(), url.substring(url.lastIndexOf('/') + 1));
        }

        try (BrowserContext desktop = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
                BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
                BrowserContext organizing = signedIn(organizer, 1366, 900)) {
            Page home = desktop.newPage();
            home.navigate(base.toString());
            assertThat(home.locator("#race-list")).containsText(name);
            assertThat(home.locator("#race-list .race-item[data-race='" + raceId + "']")).containsText("2 entrants");

            Page page = desktop.newPage();
            page.navigate(base + "race/" + raceId);
            Page small = phone.newPage();
            small.navigate(base + "race/" + raceId);
            assertThat(page.locator("#race-name")).hasText(name);
            assertThat(page.locator("#race-status")).hasText("Open");
            assertThat(page.locator("#race-organizer")).hasText("Race Organizer");
            assertThat(page.locator("#leaderboard tbody")).containsText(ana);
            assertThat(page.locator("#map-section")).isHidden(); // the public sees the map once the race runs

            try (ModClient a = mod(raceId); ModClient b = mod(raceId)) {
                a.auth(tokens.get(ana));
                b.auth(tokens.get(ben));
                a.ready();
                assertThat(row(page, ana)).containsText("Ready");
                assertThat(row(page, ana).locator(".mod-live")).isVisible();
                Instant now = Instant.parse(http.send("POST", "api/test-support/clock/advance?seconds=0", null, null)
                        .json().asText());
                http.send("POST", "api/races/" + raceId + "/start", "application/json",
                        "{\"scheduled_start\":\"" + now.plusSeconds(30) + "\"}", auth);
                assertThat(page.locator("#race-status")).hasText("Starting soon");
                assertThat(page.locator("#race-clock")).containsText("starts in");
                http.send("POST", "api/test-support/clock/advance?seconds=31", null, null);
                a.await("race_start", WAIT);
                assertThat(page.locator("#race-status")).hasText("Running");
                assertThat(page.locator("#map-section")).isVisible();

                // Both enter layer 1 by the game's own zone ids; ben 4 s after ana.
                a.zone("chapel", "stormveil", 10_000);
                b.zone("chapel", "stormveil", 14_000);
                assertThat(row(page, ben).locator(".gap")).hasText("+0:04");
                assertThat(row(page, ana).locator(".gap")).hasText("Leader");
                assertThat(row(page, ana)).containsText("1 of 4");
                Locator anaOnMap = page.locator("#seed-map circle.map-player[data-participant]").first();
                assertThat(page.locator("#seed-map .map-legend")).containsText("Stormveil");
                // ben reaches layer 2 first: he leads there, and the map moves him.
                b.zone("stormveil", "raya", 20_000);
                assertThat(row(page, ben).locator(".gap")).hasText("Leader");
                assertThat(row(page, ben)).containsText("2 of 4");
                assertThat(page.locator("#seed-map .map-legend li").filter(new Locator.FilterOptions().setHasText(ben)))
                        .containsText("Raya Lucaria");
                a.zone("stormveil", "raya", 27_500);
                assertThat(row(page, ana).locator(".gap")).hasText("+0:07");
                assertThat(anaOnMap).hasAttribute("data-node", Pattern.compile("a|b"));
                assertThat(small.locator("#leaderboard tbody")).containsText("2 of 4");
                // Rows change in place at once; the order follows with the next full leaderboard (≤ 1 s).
                assertThat(page.locator("#leaderboard tbody tr").first()).containsText(ben);
                assertThat(small.locator("#leaderboard tbody tr").first()).containsText(ben);
                assertFits(small, 390);
                shoot(small, "race-room-390.png", null);
                shoot(page, "race-room-1366.png", PICTURES.resolve("race-room.png"));
                shoot(home, "home-1366.png", null);
                home.reload();
                assertThat(home.locator("#race-list")).containsText(name);
                shoot(home, "home-1366.png", PICTURES.resolve("home.png"));

                b.finished(60_000);
                a.finished(75_000);
                assertThat(page.locator("#race-status")).hasText("Finished");
                assertThat(row(page, ben).locator("td").first()).hasText("1");
                assertThat(row(page, ana).locator("td").first()).hasText("2");
                assertThat(row(page, ana).locator(".gap")).hasText("+0:15");
            }

            // The organizer resets the finished race: asked first, and the results stay as attempt 1.
            Page manage = organizing.newPage();
            manage.navigate(base + "race/" + raceId + "/manage");
            assertThat(manage.locator("#next-step")).containsText("finished");
            manage.locator("#actions button", new Page.LocatorOptions().setHasText("Reset race")).click();
            Locator dialog = manage.locator("dialog.confirm");
            assertThat(dialog).containsText("kept as attempt 1");
            dialog.locator("button", new Locator.LocatorOptions().setHasText("Cancel")).click();
            assertThat(dialog).hasCount(0);
            assertThat(manage.locator("#race-status")).hasText("Finished");
            assertEquals("finished", http.get("api/races/" + raceId).json().path("status").asText());
            manage.locator("#actions button", new Page.LocatorOptions().setHasText("Reset race")).click();
            manage.locator("dialog.confirm button", new Page.LocatorOptions().setHasText("Reset race")).click();
            assertThat(manage.locator("#alerts")).containsText("kept as attempt 1");
            assertThat(manage.locator("#race-status")).hasText("Open");
            assertThat(manage.locator("#attempts-section")).isVisible();
            assertThat(manage.locator("#attempts")).containsText("Attempt 1");
            assertThat(manage.locator("#attempts")).containsText("2 of 2 finished");
            assertThat(page.locator("#attempts")).containsText("Attempt 1"); // the spectator's page reloads too
        }
        assertEquals(1, http.get("api/races/" + raceId + "/attempts").json().size());
    }

    @Test
    void anUnknownRaceShowsANotFoundPage() {
        Page page = chromium.browser().newPage();
        page.navigate(base + "race/" + UUID.randomUUID());
        assertThat(page.locator("#not-found")).isVisible();
        assertThat(page.locator("#not-found h1")).hasText("Race not found");
        assertThat(page.locator("#room")).isHidden();
        page.navigate(base + "race.html?id=" + UUID.randomUUID());
        assertThat(page).hasURL(Pattern.compile(".*/race/[0-9a-f-]{36}$"));
        assertThat(page.locator("#not-found")).isVisible();
    }

    /** The organizer's steps, as a new organizer meets them, on a screen of this size. */
    private void organizerWalk(int width, int height) {
        Http http = new Http(base);
        JsonNode organizer = http.newUser("user", "name=New+Organizer");
        String racer = unique("rae");
        http.newUser("user", "twitch=" + racer);
        String invitee = unique("ivy");
        String name = "Walk " + width + " " + UUID.randomUUID().toString().substring(0, 6);

        try (BrowserContext context = signedIn(organizer, width, height)) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            // What the page copies, by whichever way the browser lets it (Clipboard API or the copy command).
            context.addInitScript("""
                    window.__copied = [];
                    if (navigator.clipboard) {
                      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
                      navigator.clipboard.writeText = (text) => write(text).then(() => { window.__copied.push(text); });
                    }
                    document.addEventListener('copy', () => {
                      const area = document.activeElement;
                      if (area && area.value) window.__copied.push(area.value.substring(area.selectionStart, area.selectionEnd));
                    });
                    """);
            Page page = context.newPage();
            page.navigate(base.toString());
            page.locator("#create-race").click();
            assertThat(page).hasURL(base + "races/new");
            // Errors show next to the field, and the name's limit is counted before it bites.
            page.locator("#create-form button[type=submit]").click();
            assertThat(page.locator("#race-name-error")).hasText("Give the race a name.");
            page.locator("#race-name").fill("x".repeat(101));
            assertThat(page.locator("#race-name-count")).hasText("101 of 100 characters");
            page.locator("#create-form button[type=submit]").click();
            assertThat(page.locator("#race-name-error")).containsText("at most 100");
            assertFits(page, width);
            shootAt(page, "race-new-" + width + ".png");
            page.locator("#race-name").fill(name);
            page.locator("#create-form button[type=submit]").click();
            page.waitForURL(Pattern.compile(".*/race/[0-9a-f-]{36}\\?created=1$"));
            String raceId = page.url().replaceAll(".*/race/([0-9a-f-]{36}).*", "$1");
            assertThat(page.locator("#race-status")).hasText("Draft");

            // After a reload of the home page the draft is under My races.
            page.navigate(base.toString());
            page.reload();
            assertThat(page.locator("#my-organized")).containsText(name);
            assertThat(page.locator("#race-list")).not().containsText(name);
            assertFits(page, width);
            page.locator("#my-organized a", new Page.LocatorOptions().setHasText(name)).click();
            assertThat(page).hasURL(base + "race/" + raceId);
            assertThat(page.locator("#next-step")).containsText("add entrants");
            assertThat(page.locator("#actions button")).hasText(new String[] {"Open race", "Re-roll seed"});

            page.locator("#twitch").fill("not a login!");
            page.locator("#add-form button[type=submit]").click();
            assertThat(page.locator("#twitch-error")).containsText("letters, digits and _");
            page.locator("#twitch").fill(racer);
            page.locator("#add-form button[type=submit]").click();
            assertThat(page.locator("#alerts")).containsText(racer + " was added");
            assertThat(page.locator("#manage-participants")).containsText(racer);
            page.locator("#twitch").fill(invitee);
            page.locator("#add-form button[type=submit]").click();
            assertThat(page.locator("#alerts")).containsText("send them the invite link");
            assertThat(page.locator("#invites")).containsText(invitee);

            page.locator("#actions button", new Page.LocatorOptions().setHasText("Open race")).click();
            assertThat(page.locator("#alerts")).containsText("The race is open");
            assertThat(page.locator("#race-status")).hasText("Open");
            assertThat(page.locator("#next-step")).containsText("release the packs");
            page.locator("#actions button", new Page.LocatorOptions().setHasText("Release packs")).click();
            page.locator("dialog.confirm button", new Page.LocatorOptions().setHasText("Release packs")).click();
            assertThat(page.locator("#alerts")).containsText("Packs released");
            assertThat(page.locator("#downloads")).containsText(racer);
            assertThat(page.locator("#actions")).not().containsText("Re-roll");

            // The links stay listed after a reload, each with a copy button that puts it on the clipboard.
            page.reload();
            assertThat(page.locator("#downloads")).containsText(racer);
            assertThat(page.locator("#invites")).containsText(invitee);
            Locator copy = page.locator("#downloads button", new Page.LocatorOptions().setHasText("Copy link")).first();
            copy.click();
            assertThat(page.locator("#downloads button").first()).hasText("Copied");
            String copied = page.evaluate("() => window.__copied.join(' ')").toString();
            assertTrue(copied.contains("/api/races/" + raceId + "/download/"), copied);
            assertFits(page, width);
            shootAt(page, "race-manage-" + width + ".png");

            assertThat(page.locator("#time-zone")).not().isEmpty();
            page.locator(".quick-starts button", new Page.LocatorOptions().setHasText("In 1 minute")).click();
            assertThat(page.locator("#start-at")).not().hasValue("");
            page.locator("#start-race").click();
            page.locator("dialog.confirm button", new Page.LocatorOptions().setHasText("Start race")).click();
            assertThat(page.locator("#alerts")).containsText("the countdown is running");
            assertThat(page.locator("#race-status")).hasText("Starting soon");
            assertThat(page.locator("#race-clock")).containsText(Pattern.compile("starts in (0:[45]\\d|1:0\\d)"));

            // The test server's clock stands still unless moved, while the page's runs on: moving it on 90 s
            // covers the start "in 1 minute" however long the steps since the page last read the time took.
            http.send("POST", "api/test-support/clock/advance?seconds=90", null, null);
            assertThat(page.locator("#race-status")).hasText("Running");
            String shown = page.locator("#race-clock").textContent();
            assertTrue(shown.matches("\\d+:\\d\\d"), shown);
            assertThat(page.locator("#race-clock")).not().hasText(shown); // the clock runs
            assertThat(page.locator("#map-section")).isVisible();
            assertFits(page, width);
        }
        // Every race page fits a 360 px screen too.
        try (BrowserContext narrow = signedIn(organizer, 360, 740)) {
            Page page = narrow.newPage();
            for (String path : List.of("", "races/new")) {
                page.navigate(base + path);
                page.waitForLoadState(LoadState.NETWORKIDLE);
                assertFits(page, 360);
            }
            page.navigate(base.toString());
            page.locator("#my-organized a").first().click();
            assertThat(page.locator("#race-status")).hasText("Running");
            assertFits(page, 360);
        }
    }

    private BrowserContext signedIn(JsonNode user, int width, int height) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        String url = base.toString();
        context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
        return context;
    }

    private ModClient mod(String raceId) {
        return ModClient.connect(client, ModClient.socketUri(base, "ws/mod/" + raceId));
    }

    private static Locator row(Page page, String login) {
        return page.locator("#leaderboard tbody tr").filter(new Locator.FilterOptions().setHasText(login));
    }

    static String unique(String login) {
        return login + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Nothing makes the page wider than the screen (tables and the map scroll inside themselves). */
    static void assertFits(Page page, int width) {
        int scroll = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        assertTrue(scroll <= width, page.url() + " is " + scroll + " px wide on a " + width + " px screen");
    }

    private static void shootAt(Page page, String file) {
        shoot(page, file, null);
    }

    /** A full-page screenshot under target/race-pages (to look at), and optionally one the README shows. */
    private static void shoot(Page page, String file, Path picture) {
        try {
            Path shots = Files.createDirectories(Path.of("target/race-pages"));
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(file)).setFullPage(true));
            if (picture != null) {
                Files.createDirectories(picture.getParent());
                page.screenshot(new Page.ScreenshotOptions().setPath(picture).setFullPage(false));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
