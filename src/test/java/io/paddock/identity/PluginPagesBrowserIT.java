package io.paddock.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.platform.web.SameSitePath;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Chromium;
import io.paddock.testing.Http;
import io.paddock.testing.OtherAddress;
import io.paddock.testing.PaddockIT;

/**
 * The Gate, sign-in, QR approval and token pages in headless Chromium, signed in by a test session: the
 * Gate words only codes it knows and never continues off the site; the QR page shows who asks.
 */
@PaddockIT
class PluginPagesBrowserIT extends BlackBox {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void gateShowsOnlyWhatItKnowsByCode() {
        Page page = chromium.browser().newPage();
        page.navigate(base + "gate.html?error=state-expired&message=Your+account+is+suspended.+Call+0800-EVIL");
        assertThat(page.locator("#outcome")).containsText("The sign-in took longer than 10 minutes.");
        assertThat(page.locator("#outcome")).hasAttribute("data-error", "state-expired");
        assertThat(page.locator("#outcome")).not().containsText("0800-EVIL");
        assertThat(page.locator("#who")).hasText("You are not signed in.");

        page.navigate(base + "gate.html?error=account-suspended&message=Call+0800-EVIL");
        assertThat(page.locator("#outcome")).hasText("Sign-in did not complete. Start the sign-in again.");
        assertThat(page.locator("#outcome")).hasAttribute("data-error", "unknown");
        page.navigate(base + "gate.html?error=rate-limited&retry_after=42");
        assertThat(page.locator("#retry-after")).hasText(Pattern.compile("Try again in (42|41|40) seconds\\."));
        page.navigate(base + "gate.html?error=rate-limited&retry_after=soon+(call+0800-EVIL)");
        assertThat(page.locator("#outcome")).containsText("Wait a little before trying again.");

        // Signed out, a "success" link is only a link: the page never says "Signed in" next to "not signed in".
        page.navigate(base + "gate.html?success=1&provider=discord&next=/races.html");
        assertThat(page.locator("#who")).hasText("You are not signed in.");
        assertThat(page.locator("#outcome")).isHidden();
        assertThat(page.locator("#next")).isHidden();
        assertThat(page.locator("a[data-provider=discord]")).hasAttribute("href", "/auth/discord?return_to=%2Fraces.html");
        assertThat(page.locator("#email-sign-in")).hasAttribute("href", "/signin.html?next=%2Fraces.html");

        try (BrowserContext context = signedIn(http.newUser("user", "name=Gate+Keeper"))) {
            Page signedIn = context.newPage();
            signedIn.navigate(base + "gate.html?success=1&provider=discord&message=Call+0800-EVIL");
            assertThat(signedIn.locator("#outcome")).hasText("Signed in with Discord.");
            assertThat(signedIn.locator("#who")).hasText("Signed in as Gate Keeper.");
            assertThat(signedIn.locator("#next")).isHidden(); // no address, no Continue
            signedIn.navigate(base + "gate.html?success=1&linked=1&provider=twitch");
            assertThat(signedIn.locator("#outcome")).hasText("Twitch is now linked to your account.");
            signedIn.navigate(base + "gate.html?success=1&provider=Call+0800-EVIL");
            assertThat(signedIn.locator("#outcome")).hasText("Signed in.");
        }
    }

    @Test
    void gateNeverContinuesToAnotherSite() {
        try (BrowserContext context = signedIn(http.newUser("user", "name=Continuer"))) {
            Page page = context.newPage();
            String origin = base.getProtocol() + "://" + base.getAuthority();
            for (String hostile : List.of("/%5Cevil.example", "/%09/evil.example", "/%0A/evil.example", "//evil.example",
                    "/%5C/evil.example", "%2F%5C%2Fevil.example", "https://evil.example/", "/%0D%0A/evil.example")) {
                page.navigate(base + "gate.html?success=1&provider=discord&next=" + hostile);
                assertThat(page.locator("#who")).hasText("Signed in as Continuer."); // the page's script has run
                assertThat(page.locator("#next")).isHidden();
                assertEquals(origin, page.evaluate("""
                        () => {
                          const next = document.getElementById('next');
                          return next.hasAttribute('href') ? new URL(next.href).origin : location.origin;
                        }"""), hostile);
            }
            page.navigate(base + "gate.html?success=1&provider=discord&next=/status");
            page.locator("#next").click();
            page.waitForURL(base + "status");
            assertEquals(base + "status", page.url());
        }

        // The sign-in page hands only a same-site next on to the provider sign-ins (and to itself after a sign-in).
        Page page = chromium.browser().newPage();
        page.navigate(base + "signin.html?next=/account.html");
        assertThat(page.locator("a.provider-discord")).hasAttribute("href", "/auth/discord?return_to=%2Faccount.html");
        assertThat(page.locator("#register-link")).hasAttribute("href", "/register.html?next=%2Faccount.html");
        page.navigate(base + "signin.html?next=/%5Cevil.example");
        assertThat(page.locator("a.provider-discord")).hasAttribute("href", "/auth/discord");
    }

    @Test
    void thePagesKeepReturnTargetsByTheServersRule() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/io/paddock/platform/web/same-site-paths.json")) {
            cases = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in); // holds a NUL case: not Paddock's input reader
        }
        List<String> paths = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        cases.path("sameSite").forEach(path -> {
            paths.add(path.asText());
            expected.add("same-site");
        });
        cases.path("refused").forEach(path -> {
            paths.add(path.asText());
            expected.add("refused");
        });
        Page page = chromium.browser().newPage();
        page.navigate(base + "gate.html");
        Object verdicts = page.evaluate("""
                async (paths) => {
                  const { sameSitePath } = await import('/js/ui.js');
                  return paths.map((path) => {
                    const kept = sameSitePath(path);
                    if (kept === null) return 'refused';
                    const link = document.createElement('a');
                    link.href = kept;
                    return link.origin === location.origin ? 'same-site' : 'another origin: ' + link.href;
                  });
                }""", paths);
        assertEquals(expected, verdicts);
        for (int i = 0; i < paths.size(); i++) {
            assertEquals(expected.get(i).equals("same-site"), SameSitePath.of(paths.get(i)).isPresent(), paths.get(i));
        }
    }

    @Test
    void signedInUserSeesWhoAsksApprovesAndThePluginCollects() {
        // A QR code relayed from someone else's plugin: another address, the device as it names itself.
        JsonNode opened = OtherAddress.send(base, "POST", "api/auth/qr-sessions", "User-Agent",
                "PaddockSimHub/1.4.0 (RIG-PC)").json();
        JsonNode user = http.newUser("user", "name=Quinn");
        try (BrowserContext context = signedIn(user)) {
            Page page = context.newPage();
            page.navigate(base + "qr.html?id=" + opened.path("id").asText());
            assertThat(page.locator("#status")).hasText("pending");
            assertThat(page.locator("#who")).hasText("Quinn");
            assertThat(page.locator("#device")).hasText("PaddockSimHub/1.4.0 (RIG-PC)");
            assertThat(page.locator("#address")).hasText("127.0.0.x");
            assertThat(page.locator("#requested-at")).hasText(Pattern.compile("(just now|ago) \\(.+\\)"));
            assertThat(page.locator("#foreign")).isVisible();
            assertThat(page.locator("#same-address")).isHidden();
            page.locator("#approve").click();
            assertThat(page.locator("#status")).hasText("approved");
            assertThat(page.locator("#done")).isVisible();
        }
        JsonNode collected = OtherAddress.send(base, "GET", "api/auth/qr-status/" + opened.path("id").asText(),
                "X-QR-Secret", opened.path("pollSecret").asText()).json();
        assertEquals("plugin_qr", collected.path("tokens").path("auth_method").asText());
        assertEquals(user.path("userId").asText(), http.get("api/auth/me",
                http.bearer(collected.path("tokens").path("access_token").asText())).json().path("id").asText());
    }

    @Test
    void aQrSignInOpenedFromTheApproversOwnAddressSaysSo() {
        String id;
        try (BrowserContext requester = chromium.browser().newContext()) {
            Page page = requester.newPage();
            page.navigate(base + "gate.html");
            id = page.evaluate("async () => (await (await fetch('/api/auth/qr-sessions', { method: 'POST' })).json()).id")
                    .toString();
        }
        try (BrowserContext context = signedIn(http.newUser("user"))) {
            Page page = context.newPage();
            page.navigate(base + "qr.html?id=" + id);
            assertThat(page.locator("#device")).hasText("Chrome on Linux");
            assertThat(page.locator("#same-address")).isVisible();
            assertThat(page.locator("#foreign")).isHidden();
        }
    }

    @Test
    void tokenPageGeneratesAOneTimeToken() {
        JsonNode user = http.newUser("user");
        try (BrowserContext context = signedIn(user)) {
            Page page = context.newPage();
            page.navigate(base + "token.html");
            page.locator("#generate").click();
            assertThat(page.locator("#output")).isVisible();
            String token = page.locator("#token").inputValue();
            JsonNode pair = http.send("POST", "api/auth/token-exchange", "application/json",
                    "{\"token\":\"" + token + "\"}").json();
            assertEquals("plugin_token", pair.path("auth_method").asText());
        }
    }

    private BrowserContext signedIn(JsonNode user) {
        BrowserContext context = chromium.browser().newContext();
        String url = base.toString();
        context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
        return context;
    }
}
