package io.paddock.transfers;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.Chromium;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/** The transfers page in headless Chromium: a magnet added there downloads, its bar reaching 100 % live. */
@PaddockIT
class TransfersPageBrowserIT extends BlackBox {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void aMagnetAddedOnThePageShowsLiveProgressUpTo100Percent() throws Exception {
        Http http = new Http(base);
        JsonNode user = http.newUser("user");
        try (LoopbackSeeder seeder = new LoopbackSeeder("page", new String[] {"movie.mkv", "readme.txt"},
                new int[] {6 * LoopbackSeeder.PIECE, 3000}, 11).start()) {
            BrowserContext context = chromium.browser().newContext();
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                    new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
            Page page = context.newPage();
            page.navigate(at("transfers").toString());
            assertThat(page.locator("#live")).hasText("live");
            page.locator("#magnet").fill(seeder.magnet());
            page.locator("#magnet-form button[type=submit]").click();
            assertThat(page.locator("#jobs tbody tr")).hasCount(1);
            assertThat(page.locator("#jobs tbody tr progress")).hasAttribute("value", "100",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(120_000));
            assertThat(page.locator("#jobs tbody tr")).hasAttribute("data-state", "completed");
            assertThat(page.locator("#usage")).containsText("Jobs: 0 of 2");

            page.locator("#jobs tbody tr button", new Page.LocatorOptions().setHasText("Files")).click();
            assertThat(page.locator("#file-list tbody")).containsText("page/movie.mkv");
            assertThat(page.locator("#file-list tbody a").first()).hasAttribute("href",
                    java.util.regex.Pattern.compile("/api/files/.+/download"));
            context.close();
        }
    }
}
