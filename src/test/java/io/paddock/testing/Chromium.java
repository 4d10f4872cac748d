package io.paddock.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh headless Chromium (see {@link Browsers}) for each test method, closed after it:
 * {@code @RegisterExtension final Chromium chromium = new Chromium();} then {@code chromium.browser()}.
 */
public final class Chromium implements BeforeEachCallback, AfterEachCallback {

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeEach(ExtensionContext context) {
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
