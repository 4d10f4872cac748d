package io.paddock.billing.control;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.paddock.billing.entity.Plan;

/**
 * The one place every module asks what a user's plan allows: the plan from {@link PlanAssignments} (an
 * admin's or a subscription's while it holds, the default plan otherwise) and the usage every
 * {@link UsageMeter} bean counts. Billing knows no module's tables: meters are found through CDI.
 */
@ApplicationScoped
public class Limits {

    @Inject
    PlanAssignments assignments;

    @Inject
    Plans plans;

    @Inject
    Instance<UsageMeter> meters;

    /**
     * Refuses with {@link LimitExceededException} when {@code current + adding} would pass the
     * user's limit; {@code current} is the caller's own count (e.g. the race's participants).
     */
    public void require(UUID userId, Limit limit, long current, long adding) {
        long wanted = current + adding;
        Plan plan = assignments.effective(userId).plan();
        if (plan.allows(limit, wanted)) {
            return;
        }
        Optional<Plan> lifting = plans.cheapestAllowing(limit, wanted);
        String detail = "Your " + plan.name() + " plan allows " + amount(limit, plan.allowed(limit)) + " "
                + limit.words() + "; " + lifting.map(p -> "the " + p.name() + " plan allows "
                        + amount(limit, p.allowed(limit)) + " " + limit.words() + ".").orElse("no plan allows more.");
        throw new LimitExceededException(limit, detail);
    }

    /** The user's limit; -1 means unlimited. */
    public long allowed(UUID userId, Limit limit) {
        return assignments.effective(userId).plan().allowed(limit);
    }

    /** What the user holds now, for every limit some module counts (summed over the meters). */
    public Map<Limit, Long> usage(UUID userId) {
        Map<Limit, Long> usage = new EnumMap<>(Limit.class);
        for (UsageMeter meter : meters) {
            meter.usage(userId).forEach((limit, count) -> usage.merge(limit, count, Long::sum));
        }
        return usage;
    }

    /** An allowance in words: storage in GB (rounded down), "unlimited" for -1. */
    static String amount(Limit limit, long allowed) {
        if (allowed == Plan.UNLIMITED) {
            return "unlimited";
        }
        return limit == Limit.STORAGE_BYTES ? allowed / GIB + " GB of" : Long.toString(allowed);
    }

    private static final long GIB = 1024L * 1024 * 1024;
}
