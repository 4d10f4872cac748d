package io.paddock.platform;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Chromium;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/**
 * Every page in src/main/webapp (listed now, so a new page is covered without touching this test) loads
 * under the server's Content-Security-Policy with no violation and no uncaught script error, signed out
 * and signed in. Set PADDOCK_PAGE_SHOTS to a directory to keep a screenshot of each page.
 */
@PaddockIT
class PagesBrowserIT extends BlackBox {

    /** Records what the policy refused, before any script of the page runs. */
    private static final String WATCH_VIOLATIONS = """
            window.__cspViolations = [];
            window.addEventListener('securitypolicyviolation',
              (e) => window.__cspViolations.push(e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline')));
            """;

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void everyPageLoadsCleanlySignedOut() throws IOException {
        try (BrowserContext context = chromium.browser().newContext()) {
            assertEquals(List.of(), visitEveryPage(context, "signed-out"));
        }
    }

    @Test
    void everyPageLoadsCleanlySignedIn() throws IOException {
        JsonNode user = new Http(base).newUser("user", "name=Page+Visitor");
        try (BrowserContext context = chromium.browser().newContext()) {
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                    new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
            assertEquals(List.of(), visitEveryPage(context, "signed-in"));
            Page account = context.newPage();
            account.navigate(base + "account.html");
            assertThat(account.locator("#name")).hasText("Page Visitor");
        }
    }

    @Test
    void inlineScriptsAndStylesAreRefusedAndReported() {
        try (BrowserContext context = chromium.browser().newContext()) {
            context.addInitScript(WATCH_VIOLATIONS);
            Page page = context.newPage();
            page.navigate(base.toString());
            Object ran = page.evaluate("""
                    () => {
                      const script = document.createElement('script');
                      script.textContent = 'window.__inlineRan = true';
                      document.head.append(script);
                      document.body.setAttribute('style', 'outline: 1px solid red');
                      return window.__inlineRan === true;
                    }""");
            assertFalse((Boolean) ran, "an inline script ran: the policy is missing or too lax");
            page.waitForFunction("() => window.__cspViolations.length >= 2");
            String violations = page.evaluate("() => window.__cspViolations.join('; ')").toString();
            assertTrue(violations.contains("script-src-elem refused inline"), violations);
            assertTrue(violations.contains("style-src-attr refused inline"), violations);
        }
    }

    /** Visits each page and returns what went wrong: CSP violations, uncaught errors, a missing shell. */
    private List<String> visitEveryPage(BrowserContext context, String who) throws IOException {
        context.addInitScript(WATCH_VIOLATIONS);
        List<String> pages = pages();
        assertTrue(pages.size() >= 16, "pages found: " + pages);
        List<String> problems = new ArrayList<>();
        for (String name : pages) {
            Page page = context.newPage();
            page.onPageError(error -> problems.add(name + ": uncaught " + error));
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    problems.add(name + ": console: " + message.text());
                }
            });
            page.navigate(base + name);
            page.waitForLoadState(LoadState.NETWORKIDLE);
            Object violations = page.evaluate("() => window.__cspViolations.join('; ')");
            if (!violations.toString().isEmpty()) {
                problems.add(name + ": " + violations);
            }
            // The shell's module ran: header, navigation and footer are there.
            if (page.locator("header.site-header nav.site-nav a").count() == 0
                    || page.locator("footer.site-footer").count() != 1) {
                problems.add(name + ": the page shell was not rendered");
            }
            screenshot(page, who + "-" + name.replace(".html", ".png"));
            page.close();
        }
        return problems;
    }

    /** Every page of src/main/webapp, by file name. */
    static List<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/webapp"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".html")).sorted()
                    .toList();
        }
    }

    /** Keeps a full-page screenshot in PADDOCK_PAGE_SHOTS, when set. */
    static void screenshot(Page page, String file) {
        String directory = System.getenv("PADDOCK_PAGE_SHOTS");
        if (directory != null && !directory.isBlank()) {
            // A very long page is kept as its first screen: a full capture of it can outlast the timeout.
            boolean tall = ((Number) page.evaluate("document.documentElement.scrollHeight")).intValue() > 8000;
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(directory, file)).setFullPage(!tall));
        }
    }
}
