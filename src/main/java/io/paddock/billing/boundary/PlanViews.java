package io.paddock.billing.boundary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.PlanAssignments;
import io.paddock.billing.entity.Plan;

/** What the billing API answers about plans and a user's plan. Limits: -1 means unlimited. */
public final class PlanViews {

    private PlanViews() {
    }

    /** One limit: its key ({@code open_races}…), in words, and what the plan allows (-1: unlimited). */
    public record LimitView(String limit, String words, long allowed) {
    }

    public record PlanView(String id, String name, Integer priceCents, String currency, boolean forSale,
            boolean isDefault, List<LimitView> limits, long version) {

        static PlanView of(Plan plan) {
            List<LimitView> limits = new ArrayList<>();
            for (Limit limit : Limit.values()) {
                limits.add(new LimitView(key(limit), limit.words(), plan.allowed(limit)));
            }
            return new PlanView(plan.id(), plan.name(), plan.priceCents(), plan.currency(), plan.forSale(),
                    plan.isDefault(), limits, plan.version());
        }
    }

    /** A plan as superadmins see it: with the Stripe price that checkout sells. */
    public record PlanDetails(PlanView plan, String stripePriceId, Instant updatedAt) {

        static PlanDetails of(Plan plan) {
            return new PlanDetails(PlanView.of(plan), plan.stripePriceId(), plan.updatedAt());
        }
    }

    /** One limit against the user's use of it ({@code used} absent when no module counts it). */
    public record UsageLine(String limit, String words, long allowed, Long used) {
    }

    /** The plan a user is on: its source ({@code default | admin | stripe}) and when it ends (null: no end). */
    public record UserPlan(String plan, String planName, String source, Instant periodEnd, Instant until,
            String reason) {

        static UserPlan of(PlanAssignments.Effective effective) {
            return new UserPlan(effective.plan().id(), effective.plan().name(), effective.source().wire(),
                    effective.periodEnd(), effective.until(), effective.reason());
        }
    }

    public record UsageView(boolean billingEnabled, UserPlan current, List<UsageLine> limits) {

        static UsageView of(boolean enabled, PlanAssignments.Effective effective, Map<Limit, Long> usage) {
            List<UsageLine> lines = new ArrayList<>();
            for (Limit limit : Limit.values()) {
                lines.add(new UsageLine(key(limit), limit.words(), effective.plan().allowed(limit), usage.get(limit)));
            }
            return new UsageView(enabled, UserPlan.of(effective), lines);
        }
    }

    static String key(Limit limit) {
        return limit.name().toLowerCase(Locale.ROOT);
    }
}
