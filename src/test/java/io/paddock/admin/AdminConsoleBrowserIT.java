package io.paddock.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Browsers;
import io.paddock.testing.Chromium;
import io.paddock.testing.Http;
import io.paddock.testing.PaddockIT;

/**
 * The admin console in Chromium: a superadmin finds a user with the global search, changes the user's role
 * through the reason-and-ticket dialog, and finds the change in the audit log; the console and the blog fit a
 * 1366 px screen and a 390 px phone. Screenshots go to PADDOCK_PAGE_SHOTS when set, else target/admin-shots.
 */
@PaddockIT
class AdminConsoleBrowserIT extends BlackBox {

    @RegisterExtension
    final Chromium chromium = new Chromium();

    @Test
    void aSuperadminSearchesAUserChangesTheRoleWithAReasonAndSeesItInTheAuditLog() {
        Http http = new Http(base);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String name = "Target" + tag;
        String userId = http.newUser("user", "name=" + name).path("userId").asText();
        try (BrowserContext context = signedIn(http, "superadmin", 1366, 900)) {
            Page page = context.newPage();
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            page.navigate(base + "admin");
            assertThat(page.locator("#console")).isVisible();
            assertThat(page.locator("header .site-nav a[href='/admin']")).hasText("Admin");

            page.locator("#search-q").fill(name.toLowerCase());
            page.locator("#search-form button[type=submit]").click();
            Locator hit = page.locator(".search-group[data-type=user] a", new Page.LocatorOptions().setHasText(name));
            assertThat(hit).hasCount(1);
            hit.click();
            assertThat(page.locator("#user-detail-name")).hasText(name);
            assertThat(page.locator("#user-role")).hasText("user");

            page.locator("#user-actions button", new Page.LocatorOptions().setHasText("Change role")).click();
            Locator dialog = page.locator("dialog.justify");
            assertThat(dialog).isVisible();
            dialog.locator("select[name=role]").selectOption("support");
            // Too short a reason is refused in place; nothing is sent.
            dialog.locator("textarea[name=reason]").fill("short");
            dialog.locator("input[name=ticketId]").fill("OPS-" + tag);
            dialog.locator("button[type=submit]").click();
            assertThat(dialog.locator(".field-error")).isVisible();
            dialog.locator("textarea[name=reason]").fill("Helps on race days from now on " + tag);
            dialog.locator("button[type=submit]").click();
            assertThat(dialog).hasCount(0);
            assertThat(page.locator("#user-role")).hasText("support");
            shot(page, "admin-role-changed-1366.png");

            page.locator(".admin-tabs a[data-tab=audit]").click();
            Locator row = page.locator("#audit-table tbody tr[data-action='identity.role.change']",
                    new Page.LocatorOptions().setHasText("Helps on race days from now on " + tag));
            assertThat(row).hasCount(1);
            assertTrue(row.textContent().contains("role=user → role=support"), row.textContent());
            assertTrue(row.textContent().contains(userId), row.textContent());
            shot(page, "admin-audit-row-1366.png");
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void theConsoleAndTheBlogFitALaptopAndAPhone() {
        Http http = new Http(base);
        for (int width : new int[] {1366, 390}) {
            try (BrowserContext context = signedIn(http, "superadmin", width, width > 1000 ? 900 : 844)) {
                Page page = context.newPage();
                List<String> errors = new ArrayList<>();
                page.onPageError(errors::add);
                for (String tab : List.of("users", "races", "audit", "results", "members", "blog", "flags", "config", "more")) {
                    // A query of its own per tab: a new document each time, not a fragment change within one.
                    page.navigate(base + "admin?shot=" + tab + "#" + tab);
                    assertThat(page.locator("#tab-" + tab)).isVisible();
                    page.waitForLoadState(LoadState.NETWORKIDLE);
                    if (tab.equals("blog")) {
                        page.locator("#blog-new").click();
                        page.locator("#blog-title-input").fill("A preview of an article");
                        page.locator("#blog-markdown").fill("## Heading\n\nSome *text* and a [link](/blog).");
                        page.locator("#blog-preview").click();
                        assertThat(page.locator("#blog-preview-box h2")).hasText("Heading");
                        assertThat(page.locator("#blog-slug")).hasValue("a-preview-of-an-article");
                    }
                    if (tab.equals("more")) {
                        // This node runs the engine: it is listed (or, right after a reset, the table says none is).
                        assertThat(page.locator("#nodes-table tbody tr")).not().hasCount(0);
                        assertThat(page.locator("#dlq-table tbody")).containsText("No job is dead-lettered.");
                    }
                    shot(page, "admin-" + tab + "-" + width + ".png");
                    assertEquals(null, page.evaluate(Browsers.OVERFLOW), tab + " at " + width + " px");
                }
                page.navigate(base + "blog");
                assertThat(page.locator("#article-list li")).hasCount(3);
                shot(page, "blog-" + width + ".png");
                page.locator("#article-list a", new Page.LocatorOptions().setHasText("How a race works")).click();
                assertThat(page.locator("#article-title")).hasText("How a race works");
                assertThat(page.locator("#article-body h2").first()).isVisible();
                shot(page, "blog-article-" + width + ".png");
                assertEquals(null, page.evaluate(Browsers.OVERFLOW), "article at " + width + " px");
                assertEquals(List.of(), errors);
            }
        }
    }

    @Test
    void anAdminSuspendsAndRestoresAUserAndCancelsARaceFromTheConsole() {
        Http http = new Http(base);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String name = "Rider" + tag;
        JsonNode target = http.newUser("user", "name=" + name);
        String[] targetsToken = http.bearer(target.path("accessToken").asText());
        assertEquals(200, http.get("api/auth/me", targetsToken).status());
        Http.Reply created = http.send("POST", "api/races", "application/json",
                "{\"name\":\"Console race " + tag + "\",\"pool_name\":\"standard\"}", targetsToken);
        assertEquals(201, created.status(), created.body());
        String raceId = created.json().path("id").asText();
        try (BrowserContext context = signedIn(http, "admin", 1366, 900)) {
            Page page = context.newPage();
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            page.navigate(base + "admin");
            page.locator("#search-q").fill(name.toLowerCase());
            page.locator("#search-form button[type=submit]").click();
            page.locator(".search-group[data-type=user] a", new Page.LocatorOptions().setHasText(name)).click();
            assertThat(page.locator("#user-detail-name")).hasText(name);
            assertThat(page.locator("#user-actions button", new Page.LocatorOptions().setHasText("Restore"))).hasCount(0);

            justify(page, "#user-actions", "Suspend", "Abusive messages in race chat " + tag, tag);
            assertThat(page.locator("#user-actions button", new Page.LocatorOptions().setHasText("Restore"))).hasCount(1);
            assertEquals(401, http.get("api/auth/me", targetsToken).status(), "the suspended user's token stops at once");

            justify(page, "#user-actions", "Restore", "Appeal accepted after review " + tag, tag);
            assertThat(page.locator("#user-actions button", new Page.LocatorOptions().setHasText("Suspend"))).hasCount(1);
            assertEquals(200, http.get("api/auth/me", targetsToken).status(), "restored");

            page.locator(".admin-tabs a[data-tab=races]").click();
            page.locator("#races-id").fill(raceId);
            page.locator("#races-form button[type=submit]").click();
            assertThat(page.locator("#race-status")).hasText("draft");
            justify(page, "#race-actions", "Cancel race", "Organizer asked us to call it off " + tag, tag);
            assertThat(page.locator("#race-status")).hasText("cancelled");
            assertThat(page.locator("#race-actions button", new Page.LocatorOptions().setHasText("Cancel race")))
                    .hasCount(0);
            shot(page, "admin-race-cancelled-1366.png");
            assertEquals(List.of(), errors);
        }
    }

    /** Clicks a panel's action and answers its reason-and-ticket dialog. */
    private static void justify(Page page, String panel, String action, String reason, String tag) {
        page.locator(panel + " button", new Page.LocatorOptions().setHasText(action)).click();
        Locator dialog = page.locator("dialog.justify");
        assertThat(dialog).isVisible();
        dialog.locator("textarea[name=reason]").fill(reason);
        dialog.locator("input[name=ticketId]").fill("OPS-" + tag);
        dialog.locator("button[type=submit]").click();
        assertThat(dialog).hasCount(0);
    }

    @Test
    void aPlainUserIsToldTheConsoleIsForStaff() {
        try (BrowserContext context = signedIn(new Http(base), "user", 1366, 900)) {
            Page page = context.newPage();
            page.navigate(base + "admin");
            assertThat(page.locator("#admin-gate")).containsText("for staff");
            assertThat(page.locator("#console")).isHidden();
            assertThat(page.locator("header .site-nav a[href='/admin']")).hasCount(0);
        }
    }

    private BrowserContext signedIn(Http http, String role, int width, int height) {
        JsonNode user = http.newUser(role, "name=Console+" + role);
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height));
        String url = base.toString();
        context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
        return context;
    }

    private static void shot(Page page, String file) {
        String directory = System.getenv("PADDOCK_PAGE_SHOTS");
        Path folder = Path.of(directory == null || directory.isBlank() ? "target/admin-shots" : directory);
        page.evaluate("window.scrollTo(0, 0)"); // the sticky header would otherwise sit mid-picture
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve(file)).setFullPage(true));
    }
}
