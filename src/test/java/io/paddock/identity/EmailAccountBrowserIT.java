package io.paddock.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.Chromium;
import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Mailbox;
import io.paddock.testing.PaddockIT;

/**
 * The email account end to end in headless Chromium: register on register.html, follow the mailed
 * link, sign in on signin.html, create an API key on account.html, then use that key over HTTP.
 */
@PaddockIT
class EmailAccountBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddock();
    }

    @ArquillianResource
    URL base;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void registerVerifySignInAndUseAnApiKey() {
        String email = "browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String password = "grid position 12";
        Page page = chromium.browser().newPage();

        page.navigate(base + "register.html");
        page.locator("#displayName").fill("Browser Rider");
        page.locator("#email").fill(email);
        page.locator("#password").fill(password);
        page.getByText("Create account").click();
        // The policy is not accepted yet: the server says so and nothing is created.
        assertThat(page.locator("#alerts [role=alert]")).containsText("Usage policy not accepted");
        page.locator("#acceptPolicy").check();
        page.getByText("Create account").click();
        assertThat(page.locator("#registered")).isVisible();
        assertThat(page.locator("#sent-to")).hasText(email);

        Mailbox.Mail mail = Mailbox.awaitMail(email, 1);
        page.navigate(base + "verify.html?token=" + mail.token());
        assertThat(page.locator("#status")).containsText("is confirmed");

        page.navigate(base + "signin.html");
        assertThat(page.locator("a[href='/auth/discord']")).hasText("Sign in with Discord");
        assertThat(page.locator("a[href='/api/auth/twitch']")).hasText("Sign in with Twitch");
        page.locator("#email").fill(email);
        page.locator("#password").fill("not the password 1");
        page.locator("#signin-form button[type=submit]").click();
        assertThat(page.locator("#alerts [role=alert]")).containsText("Wrong email or password");
        page.locator("#password").fill(password);
        page.locator("#signin-form button[type=submit]").click();
        page.waitForURL("**/account");

        assertThat(page.locator("#name")).hasText("Browser Rider");
        assertThat(page.locator("#email")).containsText(email);
        assertThat(page.locator("#identities")).containsText("Email");
        assertThat(page.locator("#sessions")).containsText("this browser");
        assertThat(page.locator("#user-menu-button")).containsText("Browser Rider"); // the header's user menu
        assertThat(page.locator("#user-menu a[aria-current=page]")).hasText("Account");
        page.locator("#key-name").fill("browser test key");
        page.getByText("Create key").click();
        assertThat(page.locator("#new-key-box")).isVisible();
        assertThat(page.locator("#keys")).containsText("browser test key");
        String key = page.locator("#new-key").textContent();
        assertTrue(key.startsWith("pdk_"), key);

        Http http = new Http(base);
        Http.Reply me = http.get("api/auth/me", http.bearer(key));
        assertEquals(200, me.status(), me.body());
        JsonNode body = me.json();
        assertEquals(email, body.path("email").asText());
        assertEquals("Browser Rider", body.path("displayName").asText());
        assertEquals("api_key", body.path("credential").asText());
    }
}
