package io.paddock.billing.control;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.identity.control.AccountFacts;

/** A user's plan as it holds now, for the staff's user detail. */
@ApplicationScoped
public class PlanFacts implements AccountFacts {

    public record PlanFact(String plan, String planName, String source, Instant periodEnd, Instant until) {
    }

    @Inject
    PlanAssignments assignments;

    @Override
    public String key() {
        return "plan";
    }

    @Override
    public PlanFact of(UUID userId) {
        PlanAssignments.Effective effective = assignments.effective(userId);
        return new PlanFact(effective.plan().id(), effective.plan().name(), effective.source().wire(),
                effective.periodEnd(), effective.until());
    }
}
