package io.paddock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium driven by Playwright, never a downloaded browser. Without
 * /usr/bin/chromium the browser tests are skipped with a warning, unless PADDOCK_REQUIRE_BROWSER=1
 * (set by .ci/run, which installs Chromium) turns that into a failure.
 */
public final class Browsers {

    /** What sticks out past the right edge of the screen: the page's width and the widest culprits. */
    public static final String OVERFLOW = """
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return null;
              const insideScroller = (e) => {
                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                  if (getComputedStyle(p).overflowX !== 'visible') return true;
                }
                return false;
              };
              const culprits = [...document.body.querySelectorAll('*')]
                .filter((e) => e.getBoundingClientRect().right > width + 1 && !insideScroller(e))
                .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
                .slice(0, 4)
                .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
                  ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right)
                  + 'px: ' + (e.textContent || '').trim().slice(0, 40));
              return `${document.documentElement.scrollWidth} px wide (${culprits.join(', ')})`;
            }""";

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Browsers() {
    }

    public static Playwright playwright() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " is missing: install it with 'apt-get install chromium' to run browser tests.";
            if ("1".equals(System.getenv("PADDOCK_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + " Skipping.");
            Assumptions.abort(message);
        }
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser chromium(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
    }
}
