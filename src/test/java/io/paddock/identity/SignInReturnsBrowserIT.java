package io.paddock.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Chromium;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.Mailbox;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.StandIns;

/**
 * Signing in comes back to the page that asked — by Twitch from a race invite (then joining it), by Discord and by
 * email from the header's "Sign in" — on a desktop and a 390 px phone; the header's user menu; the account page's
 * unlink, add-email and membership explanation; the sign-up form's counters and field errors. The fake providers'
 * consent is given as a chosen provider account by adding {@code test_user} to their authorize address.
 * Set PADDOCK_PAGE_SHOTS to a directory to keep screenshots of the pages at 1366 and 390 px.
 */
@PaddockIT
class SignInReturnsBrowserIT extends BlackBox {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L + 2_000_000_000L);
    static final String PASSWORD = "correct horse 42";

    @RegisterExtension
    final Chromium chromium = new Chromium();

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
        // Every sign-in start counts against the per-address limit (20/min): each test starts in a fresh window.
        assertEquals(200, http.send("POST", "api/test-support/clock/advance?seconds=61", null, null).status());
    }

    @Test
    void aSignedOutInviteeSignsInFromTheInviteLandsBackOnItAndJoinsOnDesktop() {
        inviteeJoins(1366, 900);
    }

    @Test
    void aSignedOutInviteeSignsInFromTheInviteLandsBackOnItAndJoinsOnAPhone() {
        inviteeJoins(390, 844);
    }

    private void inviteeJoins(int width, int height) {
        long twitchId = IDS.incrementAndGet();
        String login = "streamer" + twitchId; // the fake Twitch's login for this account
        JsonNode organizer = http.newUser("user", "name=Organizer");
        String[] auth = http.bearer(organizer.path("accessToken").asText());
        Reply race = http.send("POST", "api/races", "application/json",
                "{\"name\":\"Invite " + UUID.randomUUID() + "\",\"pool_name\":\"standard\"}", auth);
        assertEquals(201, race.status(), race.body());
        String raceId = race.json().path("id").asText();
        Reply invited = http.send("POST", "api/races/" + raceId + "/participants", "application/json",
                "{\"twitch_username\":\"" + login + "\"}", auth);
        assertEquals(201, invited.status(), invited.body());
        String token = invited.json().path("invite").path("token").asText();

        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height))) {
            consentAs(context, "twitch", twitchId);
            Page page = context.newPage();
            page.navigate(base + "invite/" + token);
            assertThat(page.locator("#sign-in")).isVisible();
            assertThat(page.locator("#accept")).isHidden();
            assertThat(page.locator("#twitch-sign-in")).hasText("Sign in with Twitch as " + login);
            screenshot(page, "invite-signed-out-" + width + ".png");

            page.locator("#twitch-sign-in").click();
            page.waitForURL(base + "invite/" + token);
            assertThat(page.locator("#user-menu-button")).containsText("Streamer" + twitchId);
            assertThat(page.locator("#sign-in")).isHidden();
            screenshot(page, "invite-signed-in-" + width + ".png");
            page.locator("#accept").click();
            page.waitForURL(url -> url.contains(raceId));
        }
        JsonNode participants = http.get("api/races/" + raceId, auth).json().path("participants");
        assertEquals(login, participants.path(0).path("twitch_username").asText(), participants.toString());
    }

    @Test
    void discordSignInFromTheHeaderReturnsToThePageThatAsked() {
        long discordId = IDS.incrementAndGet();
        try (BrowserContext context = chromium.browser().newContext()) {
            consentAs(context, "discord", discordId);
            Page page = context.newPage();
            page.navigate(base + "podiums");
            assertThat(page.locator("#header-sign-in")).hasAttribute("href",
                    Pattern.compile("^/signin\\.html\\?next=%2Fpodiums")); // the page may add its own query
            page.locator("#header-sign-in").click();
            // The sign-in page's script hands next on to the provider links: wait for it before following one.
            assertThat(page.locator("a.provider-discord")).hasAttribute("href",
                    Pattern.compile("^/auth/discord\\?return_to=%2Fpodiums"));
            page.locator("a.provider-discord").click();
            page.waitForURL(url -> !url.contains("signin"));
            assertTrue(page.url().startsWith(base + "podiums"), page.url() + ": " + page.locator("main").innerText());
            assertThat(page.locator("#user-menu-button")).containsText("Racer " + discordId);
        }
    }

    @Test
    void emailSignInReturnsToThePageThatAskedAndTheMenuSignsOut() {
        String email = "returner" + IDS.incrementAndGet() + "@example.test";
        Reply registered = http.send("POST", "api/auth/register", "application/json", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Returner\",\"acceptPolicy\":true}");
        assertEquals(201, registered.status(), registered.body());
        assertEquals(200, http.send("POST", "api/auth/verify-email", "application/json",
                "{\"token\":\"" + Mailbox.awaitMail(email, 1).token() + "\"}").status());

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(base + "my-results?from=menu");
            page.locator("#header-sign-in").click();
            assertThat(page.locator("#register-link")).hasAttribute("href", Pattern.compile("next=")); // script ran
            page.locator("#email").fill(email);
            page.locator("#password").fill(PASSWORD);
            page.locator("#signin-form button[type=submit]").click();
            page.waitForURL(base + "my-results?from=menu");

            page.locator("#user-menu-button").click();
            assertThat(page.locator("#user-menu")).isVisible();
            assertEquals(List.of("Account", "My races", "My results", "Sign out"),
                    page.locator("#user-menu li").allInnerTexts().stream().map(String::strip).toList());
            assertThat(page.locator("#user-menu a", new Page.LocatorOptions().setHasText("My results")))
                    .hasAttribute("aria-current", "page");
            page.keyboard().press("Escape");
            assertThat(page.locator("#user-menu")).isHidden();
            page.locator("#user-menu-button").click();
            page.locator("#sign-out").click();
            page.waitForURL(base.toString());
            assertThat(page.locator("#header-sign-in")).isVisible();
        }
    }

    @Test
    void theAccountUnlinksAddsAnEmailAndSaysWhatMembershipStillNeeds() {
        JsonNode user = http.newUser("user", "name=Linker&discord=" + UUID.randomUUID() + "&twitch=linker"
                + IDS.incrementAndGet());
        String email = "linker" + IDS.incrementAndGet() + "@example.test";
        try (BrowserContext context = signedIn(user, 1366)) {
            Page page = context.newPage();
            page.navigate(base + "account.html");
            assertThat(page.locator("#member-state")).hasText("pending");
            assertThat(page.locator("#member-missing li")).hasCount(2); // Discord is linked: plugin and a result
            assertThat(page.locator("#member-missing")).containsText("Register the SimHub plugin");
            assertThat(page.locator("#link-discord")).isHidden();
            assertThat(page.locator("#link-twitch")).isHidden();

            page.onDialog(dialog -> dialog.accept());
            page.locator("tr[data-provider=twitch] button").click();
            assertThat(page.locator("#alerts")).containsText("Twitch is unlinked.");
            assertThat(page.locator("tr[data-provider=twitch]")).hasCount(0);
            assertThat(page.locator("#link-twitch")).isVisible();
            assertThat(page.locator("tr[data-provider=discord]")).containsText("Your only way to sign in");

            page.locator("#add-email").fill(email);
            page.locator("#add-password").fill("short");
            page.locator("#email-form button[type=submit]").click();
            assertThat(page.locator("#add-password-error")).isVisible(); // the server's refusal, next to its field
            page.locator("#add-password").fill(PASSWORD);
            page.locator("#email-form button[type=submit]").click();
            assertThat(page.locator("#alerts")).containsText("We mailed a confirmation link to " + email);
            assertThat(page.locator("#email")).containsText(email);
            assertThat(page.locator("#email-form")).isHidden();
            // Unconfirmed, the address is no way to sign in yet.
            assertThat(page.locator("tr[data-provider=discord]")).containsText("Your only way to sign in");
            screenshot(page, "account-1366.png");

            page.navigate(base + Mailbox.awaitMail(email, 1).text().replaceAll("(?s).*?(verify\\.html\\?\\S+).*", "$1"));
            assertThat(page.locator("#status")).containsText("is confirmed");
            page.navigate(base + "account.html");
            assertThat(page.locator("tr[data-provider=discord] button")).hasText("Unlink");
        }
    }

    @Test
    void theSignUpFormCountsRefusesTooLongNamesAndPutsErrorsNextToFields() {
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844))) {
            Page page = context.newPage();
            List<String> registrations = new java.util.ArrayList<>();
            page.onRequest(request -> {
                if (request.url().endsWith("/api/auth/register")) registrations.add(request.postData());
            });
            page.navigate(base + "register.html?next=/races.html");
            assertThat(page.locator("#displayName-counter")).hasText("0 / 100");
            String tooLong = "N".repeat(101);
            page.locator("#displayName").fill(tooLong);
            assertEquals(tooLong, page.locator("#displayName").inputValue(), "nothing is cut silently");
            assertThat(page.locator("#displayName-counter")).hasText("101 / 100");
            assertThat(page.locator("#displayName-error")).hasText("Display name must be at most 100 characters (it has 101).");
            page.locator("#email").fill("signup" + IDS.incrementAndGet() + "@example.test");
            page.locator("#password").fill("short");
            page.locator("#acceptPolicy").check();
            page.locator("#register-form button[type=submit]").click();
            assertThat(page.locator("#displayName")).isFocused();
            assertEquals(List.of(), registrations, "a name past the limit is refused before sending");

            page.locator("#displayName").fill("Signer Upper");
            assertThat(page.locator("#displayName-error")).hasCount(0);
            page.locator("#register-form button[type=submit]").click();
            assertThat(page.locator("#password-error")).isVisible();
            assertThat(page.locator("#password")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#sign-in-link")).hasAttribute("href", "/signin.html?next=%2Fraces.html");
            screenshot(page, "register-390.png");
        }
    }

    @Test
    void theGateLinksTheConfiguredPluginDownload() {
        Page page = chromium.browser().newPage();
        page.navigate(base + "gate.html");
        assertThat(page.locator("#plugin-download")).hasAttribute("href", StandIns.PLUGIN_DOWNLOAD_URL);
        assertThat(page.locator("#plugin-download")).hasText("Download the SimHub plugin 1.4.0");
    }

    /**
     * The fake provider's consent is given as this provider account. Paddock's start of the sign-in is fetched as
     * usual (its state cookie lands in the browser); the hop through the fake provider is made here, and the
     * browser is sent straight on to Paddock's callback on this test server (the provider would send it to the
     * configured public address).
     */
    private void consentAs(BrowserContext context, String provider, long providerUserId) {
        String start = provider.equals("twitch") ? "/api/auth/twitch?" : "/auth/discord?";
        context.route(url -> url.contains(start), route -> {
            APIResponse started = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
            String callback = OAuthSignInIT.authorizeAt(started.headers().get("location"), providerUserId);
            Map<String, String> headers = new HashMap<>(started.headers());
            headers.put("location", base + OAuthSignInIT.local(callback));
            route.fulfill(new Route.FulfillOptions().setResponse(started).setHeaders(headers));
        });
    }

    private BrowserContext signedIn(JsonNode user, int width) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
        String url = base.toString();
        context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
        return context;
    }

    private static void screenshot(Page page, String file) {
        String directory = System.getenv("PADDOCK_PAGE_SHOTS");
        if (directory != null && !directory.isBlank()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(directory, file)).setFullPage(true));
        }
    }
}
