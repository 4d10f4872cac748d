package io.paddock.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;

import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Browsers;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;

/** The pricing page shows the plans side by side and sends a buyer to Stripe; the billing page shows plan and usage. */
@PaddockIT
class BillingPagesBrowserIT extends BlackBox {

    @Test
    void pricingAndBillingPagesShowThePlanUsageAndLeadToStripe() {
        Http http = new Http(base);
        BillingFixtures.sellPlans(http);
        JsonNode admin = http.newUser("admin");
        JsonNode user = http.newUser("user", "name=Paige");
        Reply assigned = http.send("PUT", "api/admin/billing/users/" + user.path("userId").asText(), "application/json",
                "{\"plan\":\"business\",\"reason\":\"Runs the winter league\",\"ticketId\":\"BILL-2\"}", BillingFixtures.auth(http, admin));
        assertEquals(200, assigned.status(), assigned.body());

        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a loaded build machine is slow
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright);
                BrowserContext context = browser.newContext()) {
            String url = base.toString();
            context.addCookies(List.of(new Cookie("paddock_session", user.path("sessionCookie").asText()).setUrl(url),
                    new Cookie("paddock_csrf", user.path("csrfToken").asText()).setUrl(url)));
            Page page = context.newPage();

            page.navigate(base + "billing");
            assertThat(page.locator("#plan-name")).hasText("Business");
            assertThat(page.locator("#plan-source")).containsText("given by an admin");
            assertThat(page.locator("#plan-until")).containsText("Runs the winter league");
            assertThat(page.locator(".usage-line[data-limit=open_races]")).containsText("races open at once: 0 of 50");
            assertThat(page.locator(".usage-line[data-limit=open_races] progress")).hasAttribute("max", "50");
            assertThat(page.locator(".usage-line[data-limit=participants_per_race]")).containsText("250");
            assertThat(page.locator("#manage")).isHidden();

            page.navigate(base + "pricing");
            assertThat(page.locator(".plan")).hasCount(4);
            assertThat(page.locator(".plan[data-plan=free] .price")).hasText("Free");
            assertThat(page.locator(".plan[data-plan=pro] .price")).hasText("$9.00 / month");
            assertThat(page.locator(".plan[data-plan=enterprise] .price")).hasText("On request");
            assertThat(page.locator(".plan[data-plan=enterprise]")).containsText("Unlimited races open at once");
            assertThat(page.locator(".plan[data-plan=business]")).containsText("Your plan");
            page.locator(".plan[data-plan=pro] button").click();
            page.waitForURL("**/stripe-pages/checkout/**");
            assertThat(page.locator("h1")).hasText("Stripe stand-in page");
        }
    }
}
