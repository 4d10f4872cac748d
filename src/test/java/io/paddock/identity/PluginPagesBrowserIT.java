package io.paddock.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.Chromium;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/** The Gate, QR approval and token pages in headless Chromium, signed in by a test session. */
@PaddockIT
class PluginPagesBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void gateShowsTheOutcomeOfASignIn() {
        Page page = chromium.browser().newPage();
        page.navigate(base + "gate.html?error=state-expired&message=The+sign-in+took+longer+than+10+minutes.");
        assertThat(page.locator("#outcome")).containsText("The sign-in took longer than 10 minutes.");
        assertThat(page.locator("#outcome")).hasAttribute("data-error", "state-expired");
        assertThat(page.locator("#who")).hasText("You are not signed in.");
        page.navigate(base + "gate.html?success=1&message=Signed+in+with+Discord.");
        assertThat(page.locator("#outcome")).hasText("Signed in with Discord.");
    }

    @Test
    void signedInUserApprovesAQrSignInThatThePluginThenCollects() {
        JsonNode opened = http.send("POST", "api/auth/qr-sessions", null, null).json();
        JsonNode user = http.newUser("user", "name=Quinn");
        try (BrowserContext context = signedIn(user)) {
            Page page = context.newPage();
            page.navigate(base + "qr.html?id=" + opened.path("id").asText());
            assertThat(page.locator("#status")).hasText("pending");
            assertThat(page.locator("#who")).hasText("Quinn");
            page.locator("#approve").click();
            assertThat(page.locator("#status")).hasText("approved");
            assertThat(page.locator("#done")).isVisible();
        }
        JsonNode collected = http.get("api/auth/qr-status/" + opened.path("id").asText(), "X-QR-Secret",
                opened.path("pollSecret").asText()).json();
        assertEquals("plugin_qr", collected.path("tokens").path("auth_method").asText());
        assertEquals(user.path("userId").asText(), http.get("api/auth/me",
                http.bearer(collected.path("tokens").path("access_token").asText())).json().path("id").asText());
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
