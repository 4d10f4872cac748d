package io.paddock.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.billing.control.Limit;
import io.paddock.billing.entity.Plan;
import io.paddock.billing.entity.PlanAssignment;
import io.paddock.billing.entity.Subscription;
import io.paddock.identity.entity.User;

/** The rules the billing entities guard: event order, access after a failed payment or a cancellation. */
class SubscriptionRulesTest {

    static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration GRACE = Duration.ofHours(24);

    @Test
    void anOlderEventChangesNothingAndCancelledStaysCancelled() {
        Subscription s = new Subscription("sub_1", UUID.randomUUID(), "pro", T);
        assertTrue(s.describe("pro", "active", T.plus(Duration.ofDays(30)), false, T, T));
        assertFalse(s.describe("pro", "incomplete", null, false, T.minusSeconds(1), T), "older than the state");
        assertEquals("active", s.status());
        assertTrue(s.describe("pro", "canceled", null, false, T.plusSeconds(10), T));
        assertFalse(s.describe("pro", "active", null, false, T.plusSeconds(20), T), "a cancelled one is not revived");
        assertFalse(s.paid(T.plus(Duration.ofDays(60)), T.plusSeconds(30), T));
        assertFalse(s.grants());
    }

    @Test
    void aFailedPaymentGrantsThroughThePeriodOnlyAndAPaymentRestoresTheGrace() {
        Instant end = T.plus(Duration.ofDays(30));
        Subscription s = new Subscription("sub_2", UUID.randomUUID(), "pro", T);
        s.describe("pro", "active", end, false, T, T);
        assertEquals(end.plus(GRACE), s.accessUntil(GRACE));
        assertTrue(s.paymentFailed(T.plusSeconds(5), T));
        assertTrue(s.grants());
        assertEquals(end, s.accessUntil(GRACE));
        assertTrue(s.paid(end.plus(Duration.ofDays(30)), T.plusSeconds(6), T));
        assertEquals(end.plus(Duration.ofDays(30)).plus(GRACE), s.accessUntil(GRACE));
    }

    @Test
    void cancelAtPeriodEndGrantsThroughThePeriodWithoutGrace() {
        Instant end = T.plus(Duration.ofDays(3));
        Subscription s = new Subscription("sub_3", UUID.randomUUID(), "pro", T);
        s.describe("pro", "active", end, true, T, T);
        assertEquals(end, s.accessUntil(GRACE));
        assertTrue(s.live());
    }

    @Test
    void anAssignmentHoldsUntilItsEndAndAnAdminsNeedsAReason() {
        PlanAssignment a = new PlanAssignment(UUID.randomUUID());
        assertThrows(IllegalArgumentException.class, () -> a.byAdmin("pro", null, " ", null, T));
        a.byAdmin("pro", T.plusSeconds(60), "League sponsor", new User("Admin", T), T);
        assertTrue(a.activeAt(T));
        assertFalse(a.activeAt(T.plusSeconds(60)));
        a.bySubscription("business", T.plusSeconds(600), null, T);
        assertNull(a.reason());
        assertTrue(a.activeAt(T.plus(Duration.ofDays(999))));
    }

    @Test
    void planLimitsAreUnlimitedAtMinusOneAndNeverBelow() {
        assertThrows(IllegalArgumentException.class, () -> new Plan.Limits(-2, 0, 0, 0, 0));
        Plan.Limits limits = new Plan.Limits(-1, 0, 1, 2, 3);
        assertEquals(-1, limits.concurrentJobs());
        assertEquals(Limit.values().length, 5);
    }
}
