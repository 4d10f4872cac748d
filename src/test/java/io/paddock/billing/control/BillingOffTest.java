package io.paddock.billing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.billing.entity.AssignmentSource;
import io.paddock.billing.entity.Plan;

/** Without a Stripe key billing is off: everybody is on the default plan, and nothing talks to Stripe. */
class BillingOffTest {

    final Plan free = new Plan() {
    };

    @Test
    void withoutAKeyEverybodyIsOnTheDefaultPlanAndCheckoutPortalAndWebhooksSaySo() {
        BillingSettings settings = new BillingSettings();
        settings.secretKey = Optional.of("  ");
        settings.webhookSecret = Optional.of("whsec_x");
        settings.connect();
        assertFalse(settings.enabled());

        PlanAssignments assignments = new PlanAssignments();
        assignments.settings = settings;
        assignments.plans = new Plans() {
            @Override
            public Plan defaultPlan() {
                return free;
            }
        };
        // No entity manager: while billing is off no assignment is even read.
        PlanAssignments.Effective effective = assignments.effective(UUID.randomUUID());
        assertSame(free, effective.plan());
        assertEquals(AssignmentSource.DEFAULT, effective.source());

        Checkout checkout = new Checkout();
        checkout.settings = settings;
        assertEquals("billing-off", assertThrows(BillingOffException.class,
                () -> checkout.checkout(UUID.randomUUID(), "pro")).slug());
        assertThrows(BillingOffException.class, () -> checkout.portal(UUID.randomUUID()));
        StripeWebhooks webhooks = new StripeWebhooks();
        webhooks.settings = settings;
        assertThrows(BillingOffException.class, () -> webhooks.receive("{}", "t=1,v1=00"));
        assertThrows(BillingOffException.class, settings::client);
    }
}
