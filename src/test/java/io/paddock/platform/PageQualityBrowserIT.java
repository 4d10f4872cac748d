package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Browsers;
import io.paddock.testing.Chromium;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/**
 * Every page in src/main/webapp (listed now, so a new page is covered without touching this test), signed out and
 * signed in: axe-core finds no serious or critical accessibility violation, and on a 360 px wide phone nothing
 * makes the page wider than the screen (a wide table scrolls inside itself). axe-core comes from
 * scripts/a11y (npm); it is injected as an init script, which the page's Content-Security-Policy does not apply to.
 * Set PADDOCK_PAGE_SHOTS to a directory to keep a 360 px screenshot of each page.
 */
@PaddockIT
class PageQualityBrowserIT extends BlackBox {

    static final Path AXE = Path.of("scripts/a11y/node_modules/axe-core/axe.min.js");
    static final int PHONE_WIDTH = 360;

    /** Runs axe on the page; returns "rule (impact): selectors" for each serious or critical violation. */
    private static final String RUN_AXE = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
            }""";

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void everyPageIsAccessibleAndFitsAPhoneSignedOut() throws IOException {
        try (BrowserContext context = phone()) {
            assertEquals(List.of(), checkEveryPage(context, "signed-out"));
        }
    }

    @Test
    void everyPageIsAccessibleAndFitsAPhoneSignedIn() throws IOException {
        JsonNode user = new Http(base).newUser("user", "name=Quality+Checker");
        try (BrowserContext context = phone()) {
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                    new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
            assertEquals(List.of(), checkEveryPage(context, "signed-in"));
        }
    }

    @Test
    void theSiteHasAFavicon() {
        try (BrowserContext context = chromium.browser().newContext()) {
            var response = context.request().get(base + "favicon.ico");
            assertEquals(200, response.status());
            assertTrue(response.headers().getOrDefault("content-type", "").startsWith("image/"),
                    response.headers().toString());
            assertTrue(response.body().length > 0);
        }
    }

    private BrowserContext phone() throws IOException {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(PHONE_WIDTH, 740).setDeviceScaleFactor(1).setIsMobile(true).setHasTouch(true));
        context.addInitScript(axe());
        return context;
    }

    private static String axe() throws IOException {
        if (!Files.isReadable(AXE)) {
            String message = AXE + " is missing: run 'npm ci --prefix scripts/a11y' for the accessibility check.";
            if ("1".equals(System.getenv("PADDOCK_REQUIRE_A11Y"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + " Skipping.");
            Assumptions.abort(message);
        }
        return Files.readString(AXE);
    }

    private List<String> checkEveryPage(BrowserContext context, String who) throws IOException {
        List<String> pages = PagesBrowserIT.pages();
        assertTrue(pages.size() >= 16, "pages found: " + pages);
        List<String> problems = new ArrayList<>();
        for (String name : pages) {
            Page page = context.newPage();
            page.navigate(base + name);
            page.waitForLoadState(LoadState.NETWORKIDLE);
            @SuppressWarnings("unchecked")
            List<String> violations = (List<String>) page.evaluate(RUN_AXE);
            violations.forEach(violation -> problems.add(name + ": " + violation));
            Object overflow = page.evaluate(Browsers.OVERFLOW);
            if (overflow != null) {
                problems.add(name + ": at " + PHONE_WIDTH + " px the page is " + overflow);
            }
            PagesBrowserIT.screenshot(page, who + "-" + PHONE_WIDTH + "-" + name.replace(".html", ".png"));
            page.close();
        }
        return problems;
    }
}
