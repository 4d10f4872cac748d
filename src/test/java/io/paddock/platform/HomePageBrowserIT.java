package io.paddock.platform;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.Chromium;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/** The web shell in headless Chromium: layout, live data from the API, problems shown to the user. */
@PaddockIT
class HomePageBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddock();
    }

    @ArquillianResource
    URL base;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void homePageShowsLayoutAndServerVersion() {
        Page page = chromium.browser().newPage();
        page.navigate(base.toString());
        assertThat(page).hasTitle("Paddock — one server for racing communities");
        assertThat(page.locator("h1")).hasText("Races");
        assertThat(page.locator("nav.site-nav a[aria-current=page]")).hasText("Races");
        assertEquals(4, page.locator(".card").count());
        // The footer's version comes from GET /api/info through the shell's api() helper.
        assertThat(page.locator("#server-version")).hasText("Paddock 0.1.0");
    }

    @Test
    void apiProblemsAreShownToTheUser() {
        Page page = chromium.browser().newPage();
        page.navigate(base.toString());
        page.evaluate("() => import('/js/paddock.js').then(m => m.api('/api/no-such-thing').catch(() => {}))");
        assertThat(page.locator("#alerts [role=alert]")).containsText("Not found");
        assertThat(page.locator("#alerts [role=alert]")).containsText("No resource exists at this path.");
    }

    @Test
    void phoneLayoutFoldsTheNavigation() {
        try (BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = phone.newPage();
            page.navigate(base.toString());
            assertThat(page.locator("nav.site-nav")).isHidden();
            page.locator("button.nav-toggle").click();
            assertThat(page.locator("nav.site-nav")).isVisible();
        }
    }

    @Test
    void statusPageReportsReadiness() {
        Page page = chromium.browser().newPage();
        page.navigate(base + "status.html");
        assertThat(page.locator("#overall")).hasText("UP");
        assertThat(page.locator("#checks")).containsText("database: UP");
    }
}
