package io.paddock.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Browsers;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.Mailbox;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: password and reset limits per address and per (account, address), so that guessing from
 * elsewhere never locks the owner out, and the per-account ceiling only requests from many addresses
 * meet (shown with reset mails and with a hundred password guesses from ten addresses). The test server
 * trusts {@code X-Forwarded-For} (as behind a proxy), so each test names its clients' addresses.
 */
@PaddockIT
class SignInThrottlingIT extends BlackBox {

    static final String JSON = "application/json";
    static final String PASSWORD = "correct horse 42";
    static final AtomicInteger ADDRESSES = new AtomicInteger();

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void guessingFromOneAddressDoesNotLockTheOwnerOutFromAnother() {
        String email = verifiedAccount("Owner");
        String attacker = address();
        for (int attempt = 1; attempt <= 10; attempt++) {
            Problems.assertProblem(login(email, "guess number " + attempt, attacker), 401,
                    "/problems/invalid-credentials");
        }
        Reply throttled = login(email, "guess number 11", attacker);
        Problems.assertProblem(throttled, 429, "/problems/rate-limited");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 5 * 60 + 1, "Retry-After " + retryAfter);
        // The limit is checked before the password: from there even the right one waits.
        Problems.assertProblem(login(email, PASSWORD, attacker), 429, "/problems/rate-limited");

        assertEquals(200, login(email, PASSWORD, address()).status(), "the owner, elsewhere, signs in");
        assertEquals(200, login(email, PASSWORD, address()).status(), "and again: a right password is no guess");
    }

    @Test
    void guessingSpreadOverManyAddressesMeetsTheAccountsCeilingForEveryone() {
        String email = verifiedAccount("Target");
        // Ten addresses, each staying within its own ten guesses: a hundred in all, the ceiling.
        for (int a = 0; a < 10; a++) {
            String guesser = address();
            for (int attempt = 1; attempt <= 10; attempt++) {
                Problems.assertProblem(login(email, "spread guess " + a + "-" + attempt, guesser), 401,
                        "/problems/invalid-credentials");
            }
        }
        Problems.assertProblem(login(email, "one guess too many", address()), 429, "/problems/rate-limited");
        Reply owner = login(email, PASSWORD, address());
        Problems.assertProblem(owner, 429, "/problems/rate-limited");
        long retryAfter = Long.parseLong(owner.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60 + 1, "Retry-After " + retryAfter);
    }

    @Test
    void anAddressWrittenBeforeTheProxysOwnEntryDoesNotEscapeTheLimit() {
        String email = verifiedAccount("Spoofed");
        String attacker = address();
        for (int attempt = 1; attempt <= 10; attempt++) {
            // Each request claims a new address in front of the one the proxy appended.
            Problems.assertProblem(login(email, "guess " + attempt, address() + ", " + attacker), 401,
                    "/problems/invalid-credentials");
        }
        Problems.assertProblem(login(email, "guess 11", address() + ", " + attacker), 429, "/problems/rate-limited");
    }

    @Test
    void resetMailsAskedFromElsewhereDoNotBlockTheOwnersReset() {
        String email = verifiedAccount("Forgetful");
        String attacker = address();
        for (int request = 1; request <= 3; request++) {
            assertEquals(202, reset(email, attacker).status());
        }
        Reply throttled = reset(email, attacker);
        Problems.assertProblem(throttled, 429, "/problems/rate-limited");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60 + 1, "Retry-After " + retryAfter);

        String owner = address();
        assertEquals(202, reset(email, owner).status(), "the owner's own reset is not blocked");
        Mailbox.Mail mail = Mailbox.awaitMail(email, 1 + 3 + 1); // the verification, three resets, the owner's
        assertTrue(mail.text().contains("/reset.html?token="), mail.text());

        // The account's ceiling (10 in 15 minutes) takes a fourth address.
        for (int a = 0; a < 2; a++) {
            String other = address();
            for (int request = 1; request <= 3; request++) {
                assertEquals(202, reset(email, other).status());
            }
        }
        Problems.assertProblem(reset(email, address()), 429, "/problems/rate-limited");
        Problems.assertProblem(reset(email, owner), 429, "/problems/rate-limited");
    }

    @Test
    void aRateLimitedSignInStartTellsTheGateWhenToTryAgain() {
        String address = address();
        for (int start = 1; start <= 20; start++) {
            Reply started = http.get("api/auth/twitch", "X-Forwarded-For", address);
            assertEquals(302, started.status());
            assertFalse(started.header("Location").contains("/gate.html"), started.header("Location"));
        }
        String location = http.get("api/auth/twitch", "X-Forwarded-For", address).header("Location");
        Map<String, String> query = query(location);
        assertEquals("rate-limited", query.get("error"), location);
        long retryAfter = Long.parseLong(query.get("retry_after"));
        assertTrue(retryAfter > 0 && retryAfter <= 61, location);
        Reply discord = http.get("auth/discord", "X-Forwarded-For", address);
        assertEquals("rate-limited", query(discord.header("Location")).get("error"));
        assertTrue(discord.header("Location").contains("&retry_after="), discord.header("Location"));
        assertEquals(302, http.get("api/auth/twitch", "X-Forwarded-For", address()).status());

        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a loaded build machine is slow
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright)) {
            Page page = browser.newPage();
            page.navigate(base + location.substring(location.indexOf("gate.html")));
            assertThat(page.locator("#outcome")).hasAttribute("data-error", "rate-limited");
            assertThat(page.locator("#retry-after")).hasText(Pattern.compile("Try again in \\d+ seconds\\."));
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The query of a redirect's location, decoded. */
    private static Map<String, String> query(String location) {
        Map<String, String> query = new HashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** A client address of its own for each caller in these tests. */
    static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private String verifiedAccount(String name) {
        String email = (name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test").toLowerCase();
        Reply registered = http.send("POST", "api/auth/register", JSON, "{\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\",\"displayName\":\"" + name + "\",\"acceptPolicy\":true}", "X-Forwarded-For",
                address());
        assertEquals(201, registered.status(), registered.body());
        Reply verified = http.send("POST", "api/auth/verify-email", JSON,
                "{\"token\":\"" + Mailbox.awaitMail(email, 1).token() + "\"}");
        assertEquals(200, verified.status(), verified.body());
        return email;
    }

    private Reply login(String email, String password, String from) {
        return http.send("POST", "api/auth/login", JSON,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", "X-Forwarded-For", from);
    }

    private Reply reset(String email, String from) {
        return http.send("POST", "api/auth/password-reset", JSON, "{\"email\":\"" + email + "\"}",
                "X-Forwarded-For", from);
    }
}
