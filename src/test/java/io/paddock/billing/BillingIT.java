package io.paddock.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.FakeStripe;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: plans and limits, Stripe checkout and portal against the loopback Stripe stand-in, and signed
 * webhooks (made with stripe-java's own signature helper) that subscribe, renew, fail, cancel, arrive twice
 * or late, or are forged.
 */
@PaddockIT
class BillingIT extends BlackBox {

    static final String PRO_PRICE = BillingFixtures.PRO_PRICE;
    static final String BUSINESS_PRICE = BillingFixtures.BUSINESS_PRICE;

    Http http;
    JsonNode superadmin;

    /** Pro and Business are sold through the stand-in's prices (a superadmin's edit, kept in the plan's history). */
    @BeforeEach
    void sellPlans() {
        http = new Http(base);
        superadmin = BillingFixtures.sellPlans(http);
    }

    @Test
    void plansArePublicCheapestFirstWithTheirLimits() {
        JsonNode plans = http.get("api/plans").json();
        assertEquals(List.of("free", "pro", "business", "enterprise"),
                List.of(plans.get(0).path("id").asText(), plans.get(1).path("id").asText(),
                        plans.get(2).path("id").asText(), plans.get(3).path("id").asText()));
        assertEquals(2, limit(plans.get(0), "concurrent_jobs"));
        assertEquals(5L * 1024 * 1024 * 1024, limit(plans.get(0), "storage_bytes"));
        assertEquals(30, limit(plans.get(1), "retention_days"));
        assertEquals(-1, limit(plans.get(3), "open_races"), "enterprise is unlimited");
        assertEquals(900, plans.get(1).path("priceCents").asInt());
        assertFalse(plans.get(3).path("priceCents").isNumber(), "enterprise is on request: " + plans.get(3));
        JsonNode config = http.get("api/billing/config").json();
        assertTrue(config.path("enabled").asBoolean(), config.toString());
        assertEquals(FakeStripe.PUBLISHABLE_KEY, config.path("publishableKey").asText());
    }

    @Test
    void checkoutThenWebhookPutsTheUserOnTheBoughtPlanAndItsLimitsApply() {
        JsonNode user = http.newUser("user");
        JsonNode usage = usage(user);
        assertEquals("free", usage.path("current").path("plan").asText(), usage.toString());
        assertEquals("default", usage.path("current").path("source").asText());

        // The free plan seats 16 participants and pending invites per race.
        String raceId = createRace(user);
        for (int i = 0; i < 16; i++) {
            assertEquals(201, invite(user, raceId).status());
        }
        JsonNode refused = Problems.assertProblem(invite(user, raceId), 403, "/problems/plan-limit");
        String detail = refused.path("detail").asText();
        assertTrue(detail.contains("Free plan allows 16 participants per race") && detail.contains("Pro plan allows 64"),
                detail);

        String customer = subscribe(user, "pro", Instant.now().plus(30, ChronoUnit.DAYS));
        usage = usage(user);
        assertEquals("pro", usage.path("current").path("plan").asText(), usage.toString());
        assertEquals("stripe", usage.path("current").path("source").asText());
        assertEquals(201, invite(user, raceId).status(), "the Pro plan seats a 17th");

        Problems.assertProblem(post("api/billing/checkout", "{\"plan\":\"business\"}", user), 409,
                "/problems/already-subscribed");
        Reply portal = post("api/billing/portal", null, user);
        assertEquals(200, portal.status(), portal.body());
        assertTrue(portal.json().path("url").asText().contains("/stripe-pages/portal/"), portal.body());
        List<FakeStripe.Request> portals = FakeStripe.requests("/v1/billing_portal/sessions");
        assertEquals(customer, portals.get(portals.size() - 1).form().get("customer"), "the customer is reused");
        assertTrue(portals.get(portals.size() - 1).form().get("return_url").endsWith("/billing"));
    }

    @Test
    void freePlanBoundsRacesOpenAtOnce() {
        JsonNode user = http.newUser("user");
        for (int i = 0; i < 3; i++) {
            Reply opened = post("api/races/" + createRace(user) + "/open", null, user);
            assertEquals(200, opened.status(), opened.body());
        }
        String fourth = createRace(user);
        JsonNode refused = Problems.assertProblem(post("api/races/" + fourth + "/open", null, user), 403,
                "/problems/plan-limit");
        assertTrue(refused.path("detail").asText().contains("3 races open at once"), refused.toString());
        assertEquals(3, usageOf(usage(user), "open_races").path("used").asLong());
        assertEquals("draft", http.get("api/races/" + fourth).json().path("status").asText(), "nothing half-applied");
    }

    @Test
    void cancellationAtPeriodEndKeepsThePlanUntilThenAndDeletionEndsIt() {
        JsonNode user = http.newUser("user");
        Instant periodEnd = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String customer = subscribe(user, "pro", periodEnd);
        String subscription = lastSubscription;

        webhook(FakeStripe.event(null, "customer.subscription.updated", Instant.now(),
                FakeStripe.subscription(subscription, customer, PRO_PRICE, "active", periodEnd, true)), "applied");
        JsonNode current = usage(user).path("current");
        assertEquals("pro", current.path("plan").asText());
        assertEquals(periodEnd, Instant.parse(current.path("until").asText()), "no renewal grace once cancelled");

        webhook(FakeStripe.event(null, "customer.subscription.deleted", Instant.now().plusSeconds(1),
                FakeStripe.subscription(subscription, customer, PRO_PRICE, "canceled", periodEnd, true)), "applied");
        assertEquals("free", usage(user).path("current").path("plan").asText());
        assertEquals("default", usage(user).path("current").path("source").asText());
    }

    @Test
    void aFailedPaymentKeepsAccessUntilThePeriodEndsThenFallsBackAndAPaidInvoiceRestoresIt() {
        JsonNode user = http.newUser("user");
        Instant periodEnd = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String customer = subscribe(user, "business", periodEnd);
        String subscription = lastSubscription;

        webhook(FakeStripe.event(null, "invoice.payment_failed", Instant.now(),
                FakeStripe.invoice(customer, subscription, periodEnd)), "applied");
        JsonNode current = usage(user).path("current");
        assertEquals("business", current.path("plan").asText(), current.toString());
        assertEquals(periodEnd, Instant.parse(current.path("until").asText()), "access through the paid period only");

        http.send("POST", "api/test-support/clock/advance?seconds=" + 3 * 3600, null, null);
        assertEquals("free", usage(user).path("current").path("plan").asText(), "past the period: the default plan");

        Instant renewed = periodEnd.plus(30, ChronoUnit.DAYS);
        webhook(FakeStripe.event(null, "invoice.paid", Instant.now().plusSeconds(1),
                FakeStripe.invoice(customer, subscription, renewed)), "applied");
        current = usage(user).path("current");
        assertEquals("business", current.path("plan").asText(), current.toString());
        assertEquals(renewed, Instant.parse(current.path("periodEnd").asText()));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        JsonNode user = http.newUser("user");
        Instant periodEnd = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String customer = subscribe(user, "pro", periodEnd);
        String subscription = lastSubscription;
        String cancel = FakeStripe.event(null, "customer.subscription.updated", Instant.now(),
                FakeStripe.subscription(subscription, customer, PRO_PRICE, "active", periodEnd, true));
        webhook(cancel, "applied");
        webhook(FakeStripe.event(null, "customer.subscription.updated", Instant.now().plusSeconds(1),
                FakeStripe.subscription(subscription, customer, PRO_PRICE, "active", periodEnd, false)), "applied");
        Instant until = Instant.parse(usage(user).path("current").path("until").asText());
        assertTrue(until.isAfter(periodEnd), "renewing again: the grace after the period counts");

        Reply again = postWebhook(cancel, FakeStripe.sign(cancel));
        assertEquals(200, again.status(), again.body());
        assertTrue(again.json().path("duplicate").asBoolean(), again.body());
        assertEquals(until, Instant.parse(usage(user).path("current").path("until").asText()), "the redelivery changed nothing");
    }

    @Test
    void anOlderEventArrivingLateCannotUndoANewerOne() {
        JsonNode user = http.newUser("user");
        Instant periodEnd = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String customer = subscribe(user, "pro", periodEnd);
        String subscription = lastSubscription;
        webhook(FakeStripe.event(null, "customer.subscription.deleted", Instant.now().plusSeconds(5),
                FakeStripe.subscription(subscription, customer, PRO_PRICE, "canceled", periodEnd, false)), "applied");
        // Sent before the deletion, delivered after it.
        webhook(FakeStripe.event(null, "customer.subscription.updated", Instant.now().minusSeconds(60),
                FakeStripe.subscription(subscription, customer, PRO_PRICE, "active", periodEnd, false)), "stale");
        webhook(FakeStripe.event(null, "invoice.paid", Instant.now().minusSeconds(30),
                FakeStripe.invoice(customer, subscription, periodEnd.plus(30, ChronoUnit.DAYS))), "stale");
        assertEquals("free", usage(user).path("current").path("plan").asText());
    }

    @Test
    void forgedOrStaleSignaturesAreRefusedAndChangeNothing() {
        JsonNode user = http.newUser("user");
        Instant periodEnd = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String customer = subscribe(user, "pro", periodEnd);
        String deleted = FakeStripe.event(null, "customer.subscription.deleted", Instant.now().plusSeconds(1),
                FakeStripe.subscription(lastSubscription, customer, PRO_PRICE, "canceled", periodEnd, false));

        Problems.assertProblem(postWebhook(deleted, FakeStripe.sign(deleted, "whsec_forged", Instant.now())), 401,
                "/problems/signature-invalid");
        Problems.assertProblem(postWebhook(deleted, FakeStripe.sign(deleted, FakeStripe.WEBHOOK_SECRET,
                Instant.now().minusSeconds(301))), 401, "/problems/signature-invalid");
        Problems.assertProblem(postWebhook(deleted, FakeStripe.sign(deleted.replace("canceled", "active"))), 401,
                "/problems/signature-invalid");
        Problems.assertProblem(postWebhook(deleted, null), 401, "/problems/signature-missing");
        assertEquals("pro", usage(user).path("current").path("plan").asText(), "refused events changed nothing");

        Reply accepted = postWebhook(deleted, FakeStripe.sign(deleted));
        assertEquals(200, accepted.status(), accepted.body());
        assertFalse(accepted.json().path("duplicate").asBoolean(), "the refused deliveries stored nothing");
        assertEquals("free", usage(user).path("current").path("plan").asText());
    }

    @Test
    void unknownEventsAndCustomersAreStoredAndAnsweredAndOversizedBodiesRefused() {
        webhook(FakeStripe.event(null, "customer.created", Instant.now(),
                FakeStripe.checkoutSession("cus_x", null, null)), "ignored");
        String stranger = "cus_unknown_" + UUID.randomUUID().toString().substring(0, 8);
        String eventJson = FakeStripe.event(null, "customer.subscription.updated", Instant.now(),
                FakeStripe.subscription("sub_nobody", stranger, PRO_PRICE, "active", Instant.now().plusSeconds(86_400), false));
        webhook(eventJson, "unknown_customer");
        JsonNode admin = http.newUser("admin");
        JsonNode flagged = http.get("api/admin/billing/events", apiKey(admin)).json();
        assertTrue(flagged.toString().contains(stranger), "flagged for an admin: " + flagged);

        StringBuilder huge = new StringBuilder("{\"id\":\"evt_huge\",\"pad\":\"");
        huge.append("x".repeat(1024 * 1024)).append("\"}");
        Reply tooLarge = postWebhook(huge.toString(), FakeStripe.sign(huge.toString()));
        Problems.assertProblem(tooLarge, 413, "/problems/webhook-too-large");
    }

    @Test
    void checkoutRefusesUnknownAndUnsoldPlansAndThePortalWantsACustomer() {
        JsonNode user = http.newUser("user");
        Problems.assertProblem(post("api/billing/checkout", "{\"plan\":\"platinum\"}", user), 400, "/problems/unknown-plan");
        Problems.assertProblem(post("api/billing/checkout", "{\"plan\":\"enterprise\"}", user), 400,
                "/problems/plan-not-for-sale");
        Problems.assertProblem(post("api/billing/checkout", "{\"plan\":\"free\"}", user), 400,
                "/problems/plan-not-for-sale");
        Problems.assertProblem(post("api/billing/portal", null, user), 409, "/problems/no-subscription");
        Problems.assertProblem(http.send("POST", "api/billing/checkout", "application/json", "{\"plan\":\"pro\"}"), 401,
                "/problems/unauthenticated");
    }

    @Test
    void anAdminAssignsAPlanOnlyWithAReason() {
        JsonNode admin = http.newUser("admin");
        JsonNode user = http.newUser("user");
        String path = "api/admin/billing/users/" + user.path("userId").asText();
        Problems.assertProblem(http.send("PUT", path, "application/json", "{\"plan\":\"business\"}", apiKey(admin)), 400,
                "/problems/validation");
        Problems.assertProblem(http.send("PUT", path, "application/json", "{\"plan\":\"business\",\"reason\":\"short\"}",
                apiKey(admin)), 400, "/problems/validation");
        Problems.assertProblem(http.send("PUT", path, "application/json",
                "{\"plan\":\"business\",\"reason\":\"I would like it please\",\"ticketId\":\"BILL-7\"}", apiKey(user)), 403, "/problems/forbidden");
        Problems.assertProblem(http.send("PUT", path, "application/json",
                "{\"plan\":\"gold\",\"reason\":\"Sponsor of the spring league\",\"ticketId\":\"BILL-7\"}", apiKey(admin)), 404, "/problems/plan-not-found");

        JsonNode noTicket = Problems.assertProblem(http.send("PUT", path, "application/json",
                "{\"plan\":\"business\",\"reason\":\"Sponsor of the spring league\"}", apiKey(admin)), 400,
                "/problems/validation");
        assertEquals("ticketId", noTicket.path("errors").path(0).path("field").asText(), noTicket.toString());

        Reply assigned = http.send("PUT", path, "application/json",
                "{\"plan\":\"business\",\"reason\":\"Sponsor of the spring league\",\"ticketId\":\"BILL-7\"}",
                apiKey(admin));
        assertEquals(200, assigned.status(), assigned.body());
        JsonNode trail = http.get("api/admin/audit?action=billing.plan.assign&targetId=" + user.path("userId").asText(),
                apiKey(admin)).json().path("entries");
        assertEquals(1, trail.size(), trail.toString());
        assertEquals("BILL-7", trail.get(0).path("ticketId").asText());
        assertEquals("plan=business", trail.get(0).path("after").asText());
        assertEquals("admin", assigned.json().path("current").path("source").asText(), assigned.body());
        JsonNode last = assigned.json().path("history").get(0);
        assertEquals("Sponsor of the spring league", last.path("reason").asText());
        assertEquals(admin.path("userId").asText(), last.path("changedBy").asText());
        JsonNode usage = usage(user);
        assertEquals("business", usage.path("current").path("plan").asText());
        assertEquals(50, usageOf(usage, "open_races").path("allowed").asLong());
    }

    @Test
    void onlySuperadminsEditPlansAndEveryEditIsKept() {
        JsonNode admin = http.newUser("admin");
        JsonNode pro = http.get("api/admin/billing/plans", apiKey(superadmin)).json().get(1);
        Problems.assertProblem(http.send("PUT", "api/admin/billing/plans/pro", "application/json",
                BillingFixtures.edit(pro.path("plan"), PRO_PRICE, "Admins may not do this"), apiKey(admin)), 403, "/problems/forbidden");
        ObjectNode stale = (ObjectNode) pro.path("plan").deepCopy();
        stale.put("version", pro.path("plan").path("version").asLong() - 1);
        Problems.assertProblem(http.send("PUT", "api/admin/billing/plans/pro", "application/json",
                BillingFixtures.edit(stale, PRO_PRICE, "An edit of an old read"), apiKey(superadmin)), 409, "/problems/plan-changed");
        JsonNode history = http.get("api/admin/billing/plans/pro/history", apiKey(admin)).json();
        assertTrue(history.size() >= 1, history.toString());
        assertTrue(history.get(0).path("after").asText().contains(PRO_PRICE), history.toString());
        assertNotEquals(history.get(0).path("before").asText(), history.get(0).path("after").asText());
        JsonNode trail = http.get("api/admin/audit?action=billing.plan.edit&targetType=plan&targetId=pro",
                apiKey(admin)).json().path("entries");
        assertTrue(trail.size() >= 1, trail.toString());
        assertEquals("BILL-1", trail.get(0).path("ticketId").asText());
        assertTrue(trail.get(0).path("after").asText().contains(PRO_PRICE), trail.toString());
    }

    // --- helpers -------------------------------------------------------------------------------

    String lastSubscription;

    /** Checkout for the plan, Stripe's subscription, and the checkout.session.completed webhook; the customer id. */
    private String subscribe(JsonNode user, String plan, Instant periodEnd) {
        Reply checkout = post("api/billing/checkout", "{\"plan\":\"" + plan + "\"}", user);
        assertEquals(200, checkout.status(), checkout.body());
        assertTrue(checkout.json().path("url").asText().contains("/stripe-pages/checkout/cs_test_"), checkout.body());
        List<FakeStripe.Request> sessions = FakeStripe.requests("/v1/checkout/sessions");
        FakeStripe.Request session = sessions.get(sessions.size() - 1);
        String userId = user.path("userId").asText();
        assertEquals(userId, session.form().get("client_reference_id"), session.toString());
        assertEquals("subscription", session.form().get("mode"));
        String price = plan.equals("pro") ? PRO_PRICE : BUSINESS_PRICE;
        assertEquals(price, session.form().get("line_items[0][price]"), session.toString());
        assertTrue(session.idempotencyKey().startsWith("checkout-" + userId), session.toString());
        String customer = session.form().get("customer");
        assertTrue(customer != null && customer.startsWith("cus_"), session.toString());
        assertTrue(FakeStripe.requests("/v1/customers").stream()
                .anyMatch(r -> userId.equals(r.form().get("metadata[paddock_user_id]"))), "a customer made for the user");

        lastSubscription = FakeStripe.putSubscription(customer, price, "active", periodEnd, false);
        webhook(FakeStripe.event(null, "checkout.session.completed", Instant.now().minusSeconds(10),
                FakeStripe.checkoutSession(customer, lastSubscription, userId)), "applied");
        return customer;
    }

    private void webhook(String event, String outcome) {
        Reply reply = postWebhook(event, FakeStripe.sign(event));
        assertEquals(200, reply.status(), reply.body());
        assertEquals(outcome, reply.json().path("outcome").asText(), reply.body());
    }

    private Reply postWebhook(String body, String signature) {
        return signature == null ? http.send("POST", "api/billing/webhook", "application/json; charset=utf-8", body)
                : http.send("POST", "api/billing/webhook", "application/json; charset=utf-8", body,
                        "Stripe-Signature", signature);
    }

    private JsonNode usage(JsonNode user) {
        Reply reply = http.get("api/usage", apiKey(user));
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static JsonNode usageOf(JsonNode usage, String limit) {
        for (JsonNode line : usage.path("limits")) {
            if (line.path("limit").asText().equals(limit)) {
                return line;
            }
        }
        throw new AssertionError("no " + limit + " in " + usage);
    }

    private static long limit(JsonNode plan, String limit) {
        for (JsonNode line : plan.path("limits")) {
            if (line.path("limit").asText().equals(limit)) {
                return line.path("allowed").asLong();
            }
        }
        throw new AssertionError("no " + limit + " in " + plan);
    }

    private String createRace(JsonNode user) {
        Reply created = post("api/races", "{\"name\":\"Billing " + UUID.randomUUID() + "\",\"pool_name\":\"standard\"}",
                user);
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private Reply invite(JsonNode user, String raceId) {
        return post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"guest_"
                + UUID.randomUUID().toString().substring(0, 8) + "\"}", user);
    }

    private Reply post(String path, String body, JsonNode user) {
        return http.send("POST", path, body == null ? null : "application/json", body, apiKey(user));
    }

    /** The user's API key as the bearer credential, as BillingFixtures sends it. */
    private String[] apiKey(JsonNode user) {
        return BillingFixtures.auth(http, user);
    }
}
