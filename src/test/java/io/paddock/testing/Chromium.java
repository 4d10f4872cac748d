package io.paddock.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh headless Chromium (see {@link Browsers}) for each test method, closed after it:
 * {@code @RegisterExtension final Chromium chromium = new Chromium();} then {@code chromium.browser()}.
 */
public final class Chromium implements BeforeEachCallback, AfterEachCallback {

    /**
     * How long {@code assertThat(locator)} waits for the page to get there. Playwright's 5 s is too short
     * on a loaded build machine, where one password hash alone can take that long; a passing check
     * returns as soon as it holds, so only a failure waits this long.
     */
    private static final double ASSERTION_TIMEOUT_MS = 30_000;

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeEach(ExtensionContext context) {
        PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT_MS);
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    public Browser browser() {
        return browser;
    }
}
