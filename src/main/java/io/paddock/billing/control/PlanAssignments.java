package io.paddock.billing.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.billing.entity.AssignmentSource;
import io.paddock.billing.entity.Plan;
import io.paddock.billing.entity.PlanAssignment;
import io.paddock.billing.entity.PlanAssignmentChange;
import io.paddock.billing.entity.Subscription;
import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.Caller;
import io.paddock.identity.entity.User;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;

/**
 * Which plan each user is on: an admin's assignment or a Stripe subscription's while it holds, the default
 * plan otherwise, and the default plan for everybody while billing is off. Every change is kept in
 * {@code plan_assignment_changes}.
 */
@Stateless
public class PlanAssignments {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Plans plans;

    @Inject
    BillingSettings settings;

    @Inject
    Accounts accounts;

    /** The plan a user is on now and why: {@code until} is when it falls back to the default plan (null: no end). */
    public record Effective(Plan plan, AssignmentSource source, Instant periodEnd, Instant until, String reason) {
    }

    public Effective effective(UUID userId) {
        if (settings.enabled()) {
            PlanAssignment assignment = em.find(PlanAssignment.class, userId);
            Instant now = clock.instant();
            if (assignment != null && assignment.activeAt(now)) {
                Optional<Plan> plan = plans.byId(assignment.planId());
                if (plan.isPresent()) {
                    return new Effective(plan.get(), assignment.source(), assignment.periodEnd(),
                            assignment.accessUntil(), assignment.reason());
                }
            }
        }
        return new Effective(plans.defaultPlan(), AssignmentSource.DEFAULT, null, null, null);
    }

    /** An admin puts a user on a plan, with a reason, optionally until a time. */
    /** An admin's assignment, kept in the user's plan history and, with the ticket, in the audit trail. */
    public Effective assignByAdmin(Caller admin, UUID userId, String planId, Instant until, Justification why) {
        accounts.ref(userId); // 404 for an unknown user
        Plan plan = plans.find(planId);
        if (until != null && !until.isAfter(clock.instant())) {
            throw new io.paddock.platform.errors.InvalidRequestException("until-in-past", "End in the past",
                    "An assignment's end must lie in the future.");
        }
        String before = effective(userId).plan().id();
        PlanAssignment assignment = assignment(userId);
        User by = accounts.find(admin.userId());
        assignment.byAdmin(plan.id(), until, why.reason(), by, clock.instant());
        if (!em.contains(assignment)) {
            em.persist(assignment);
        }
        em.persist(new PlanAssignmentChange(userId, plan.id(), AssignmentSource.ADMIN, until, why.reason(), by,
                clock.instant()));
        audit.record(new AuditTrail.Actor(admin.userId(), admin.displayName()),
                AuditTrail.Action.of("billing.plan.assign", "user", userId).change("plan=" + before,
                        "plan=" + plan.id() + (until == null ? "" : ", until=" + until)), why);
        return effective(userId);
    }

    /**
     * After a subscription of the user changed: the best subscription that still grants a plan decides
     * (the one granting longest); with none, a plan that came from Stripe ends now. An admin's assignment
     * gives way only to a granting subscription.
     */
    public void subscriptionsChanged(UUID userId) {
        Instant now = clock.instant();
        List<Subscription> granting = em.createNamedQuery(Subscription.OF_USER, Subscription.class)
                .setParameter("userId", userId).getResultStream().filter(Subscription::grants).toList();
        Optional<Subscription> best = granting.stream().max(Comparator.comparing(
                s -> Optional.ofNullable(s.accessUntil(settings.renewalGrace())).orElse(Instant.MAX)));
        PlanAssignment assignment = assignment(userId);
        if (best.isPresent()) {
            Subscription s = best.get();
            Instant until = s.accessUntil(settings.renewalGrace());
            boolean changes = assignment.source() != AssignmentSource.STRIPE || !s.planId().equals(assignment.planId())
                    || !Objects.equals(s.currentPeriodEnd(), assignment.periodEnd());
            assignment.bySubscription(s.planId(), s.currentPeriodEnd(), until, now);
            if (changes) {
                em.persist(new PlanAssignmentChange(userId, s.planId(), AssignmentSource.STRIPE, s.currentPeriodEnd(),
                        "subscription " + s.stripeSubscriptionId() + " " + s.status(), null, now));
            }
        } else if (assignment.source() == AssignmentSource.STRIPE && assignment.activeAt(now)) {
            assignment.endSubscription(now);
            em.persist(new PlanAssignmentChange(userId, plans.defaultPlan().id(), AssignmentSource.DEFAULT, null,
                    "subscription ended", null, now));
        }
        if (assignment.source() != null && !em.contains(assignment)) {
            em.persist(assignment);
        }
    }

    public List<PlanAssignmentChange> history(UUID userId) {
        return em.createNamedQuery(PlanAssignmentChange.OF_USER, PlanAssignmentChange.class)
                .setParameter("userId", userId).setMaxResults(200).getResultList();
    }

    /** The user's assignment, or a new one the caller persists once it holds something. */
    private PlanAssignment assignment(UUID userId) {
        PlanAssignment assignment = em.find(PlanAssignment.class, userId);
        return assignment != null ? assignment : new PlanAssignment(userId);
    }
}
