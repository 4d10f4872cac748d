package io.paddock.billing.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.paddock.billing.entity.Plan;
import io.paddock.billing.entity.PlanChange;
import io.paddock.identity.control.Caller;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.json.Json;

/** The plans, cheapest first, and superadmins' edits of them (each kept with who, why and the values before). */
@Stateless
public class Plans {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public List<Plan> all() {
        return em.createNamedQuery(Plan.ALL, Plan.class).getResultList();
    }

    /** The plan, or a 404 problem {@code plan-not-found}. */
    public Plan find(String planId) {
        return byId(planId).orElseThrow(() -> new ResourceNotFoundException("plan-not-found", "Plan not found",
                "No plan '" + planId + "' exists; GET /api/plans lists them."));
    }

    public Optional<Plan> byId(String planId) {
        return planId == null || planId.length() > 32 ? Optional.empty() : Optional.ofNullable(em.find(Plan.class, planId));
    }

    public Optional<Plan> byStripePrice(String priceId) {
        return priceId == null ? Optional.empty() : all().stream().filter(p -> priceId.equals(p.stripePriceId())).findFirst();
    }

    /** The plan everybody without another assignment is on. */
    public Plan defaultPlan() {
        return all().stream().filter(Plan::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("No default plan is stored."));
    }

    /** The cheapest plan that allows {@code amount} of the limit, if any does. */
    public Optional<Plan> cheapestAllowing(Limit limit, long amount) {
        return all().stream().filter(p -> p.allows(limit, amount)).findFirst();
    }

    /** A superadmin's edit, refused with 409 when the plan changed since {@code expectedVersion} was read. */
    /** Edits a plan, kept in its own history and, with the ticket, in the audit trail. */
    public Plan edit(Caller superadmin, String planId, String name, Integer priceCents, String stripePriceId,
            Plan.Limits limits, Justification why, long expectedVersion) {
        Plan plan = find(planId);
        em.lock(plan, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        if (plan.version() != expectedVersion) {
            throw new ConflictException("plan-changed", "Plan changed",
                    "The plan is at version " + plan.version() + " now; reload it and edit again.");
        }
        if (stripePriceId != null && !stripePriceId.isBlank()) {
            byStripePrice(stripePriceId.strip()).filter(other -> !other.id().equals(planId)).ifPresent(other -> {
                throw new InvalidRequestException("stripe-price-taken", "Stripe price in use",
                        "The Stripe price " + stripePriceId.strip() + " already sells the plan '" + other.id() + "'.");
            });
        }
        String before = json(plan);
        plan.edit(name, priceCents, stripePriceId, limits, clock.instant());
        String after = json(plan);
        em.persist(new PlanChange(planId, superadmin.userId(), why.reason(), before, after, clock.instant()));
        audit.record(new AuditTrail.Actor(superadmin.userId(), superadmin.displayName()),
                AuditTrail.Action.of("billing.plan.edit", "plan", planId).change(before, after), why);
        return plan;
    }

    public List<PlanChange> history(String planId) {
        find(planId);
        return em.createNamedQuery(PlanChange.OF_PLAN, PlanChange.class).setParameter("planId", planId)
                .setMaxResults(200).getResultList();
    }

    private static String json(Plan plan) {
        try {
            return Json.mapper().writeValueAsString(plan.snapshot());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
