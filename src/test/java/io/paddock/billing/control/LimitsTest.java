package io.paddock.billing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.billing.entity.AssignmentSource;
import io.paddock.billing.entity.Plan;

/** The refusal names the limit, the user's plan and the cheapest plan that lifts it. */
class LimitsTest {

    static final long GIB = 1024L * 1024 * 1024;

    final Plan free = plan("Free", new Plan.Limits(2, 5 * GIB, 7, 3, 16));
    final Plan pro = plan("Pro", new Plan.Limits(10, 50 * GIB, 30, 10, 64));
    final Plan enterprise = plan("Enterprise", new Plan.Limits(-1, -1, -1, -1, -1));
    final Limits limits = limits(free);

    @Test
    void aRefusalNamesTheLimitThePlanAndTheCheapestPlanThatLiftsIt() {
        UUID user = UUID.randomUUID();
        limits.require(user, Limit.PARTICIPANTS_PER_RACE, 15, 1);
        LimitExceededException refused = assertThrows(LimitExceededException.class,
                () -> limits.require(user, Limit.PARTICIPANTS_PER_RACE, 16, 1));
        assertEquals(Limit.PARTICIPANTS_PER_RACE, refused.limit());
        assertEquals(403, refused.status());
        assertEquals("Your Free plan allows 16 participants per race; the Pro plan allows 64 participants per race.",
                refused.getMessage());
        assertEquals("Your Free plan allows 5 GB of storage; the Pro plan allows 50 GB of storage.",
                assertThrows(LimitExceededException.class,
                        () -> limits.require(user, Limit.STORAGE_BYTES, 5 * GIB, 1)).getMessage());
        assertEquals("Your Free plan allows 3 races open at once; the Enterprise plan allows unlimited races open at once.",
                assertThrows(LimitExceededException.class,
                        () -> limits.require(user, Limit.OPEN_RACES, 3, 8)).getMessage());
    }

    @Test
    void unlimitedAllowsAnything() {
        Limits unlimited = limits(enterprise);
        unlimited.require(UUID.randomUUID(), Limit.CONCURRENT_JOBS, Long.MAX_VALUE / 2, 1);
        assertEquals(-1, unlimited.allowed(UUID.randomUUID(), Limit.OPEN_RACES));
    }

    private Limits limits(Plan current) {
        Limits l = new Limits();
        l.assignments = new PlanAssignments() {
            @Override
            public Effective effective(UUID userId) {
                return new Effective(current, AssignmentSource.DEFAULT, null, null, null);
            }
        };
        l.plans = new Plans() {
            @Override
            public Optional<Plan> cheapestAllowing(Limit limit, long amount) {
                return List.of(free, pro, enterprise).stream().filter(p -> p.allows(limit, amount)).findFirst();
            }
        };
        return l;
    }

    private static Plan plan(String name, Plan.Limits limits) {
        Plan plan = new Plan() {
        };
        plan.edit(name, 0, null, limits, Instant.EPOCH);
        return plan;
    }
}
