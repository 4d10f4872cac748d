package io.paddock.billing.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.billing.control.PlanAssignments;
import io.paddock.billing.control.Plans;
import io.paddock.billing.control.StripeWebhooks;
import io.paddock.billing.entity.BillingEvent;
import io.paddock.billing.entity.Plan;
import io.paddock.billing.entity.PlanAssignmentChange;
import io.paddock.billing.entity.PlanChange;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;

/** Staff: plans (superadmins edit them, with history), users' plans (admins assign them, with a reason), flagged webhook events. */
@Path("admin/billing")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class BillingAdminResource {

    /** A plan as a superadmin sets it; limits -1 for unlimited; send the version you read. */
    public record PlanEdit(@NotBlank @Size(max = 100) String name, @Min(0) @Max(100_000_000) Integer priceCents,
            @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9_]*", message = "must be a Stripe price id") String stripePriceId,
            @NotNull @Min(-1) Long concurrentJobs, @NotNull @Min(-1) Long storageBytes, @NotNull @Min(-1) Long retentionDays,
            @NotNull @Min(-1) Long openRaces, @NotNull @Min(-1) Long participantsPerRace,
            @Reason @Size(max = 500) String reason, @TicketId String ticketId, @NotNull Long version) {
    }

    public record PlanChangeView(UUID id, UUID changedBy, String reason, String before, String after,
            Instant changedAt) {

        static PlanChangeView of(PlanChange c) {
            return new PlanChangeView(c.id(), c.changedBy(), c.reason(), c.before(), c.after(), c.changedAt());
        }
    }

    /** An admin's assignment: the plan, why (at least 10 characters) and the ticket, and optionally until when. */
    public record AssignmentRequest(@NotBlank @Size(max = 32) String plan,
            @Reason @Size(max = 500) String reason, @TicketId String ticketId, Instant until) {
    }

    public record AssignmentChangeView(String plan, String source, Instant periodEnd, String reason, UUID changedBy,
            Instant changedAt) {

        static AssignmentChangeView of(PlanAssignmentChange c) {
            return new AssignmentChangeView(c.planId(), c.source().wire(), c.periodEnd(), c.reason(), c.changedBy(),
                    c.changedAt());
        }
    }

    public record UserPlanDetails(UUID userId, PlanViews.UserPlan current, List<AssignmentChangeView> history) {
    }

    public record EventView(String id, String type, Instant createdAt, Instant receivedAt, String outcome,
            String note) {

        static EventView of(BillingEvent e) {
            return new EventView(e.id(), e.type(), e.createdAt(), e.receivedAt(), e.outcome().name().toLowerCase(),
                    e.note());
        }
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Plans plans;

    @Inject
    PlanAssignments assignments;

    @Inject
    StripeWebhooks webhooks;

    @GET
    @Path("plans")
    @RolesAllowed("admin")
    @Operation(summary = "The plans with the Stripe prices checkout sells (admin)")
    public List<PlanViews.PlanDetails> plans() {
        return plans.all().stream().map(PlanViews.PlanDetails::of).toList();
    }

    @PUT
    @Path("plans/{id}")
    @RolesAllowed("superadmin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a plan (superadmin): name, price, Stripe price, limits, with a reason and a ticket; kept in its history and the audit trail")
    public PlanViews.PlanDetails editPlan(@PathParam("id") String id, @Valid @NotNull PlanEdit edit) {
        Plan plan = plans.edit(caller.require(), id, edit.name(), edit.priceCents(), edit.stripePriceId(),
                new Plan.Limits(edit.concurrentJobs(), edit.storageBytes(), edit.retentionDays(), edit.openRaces(),
                        edit.participantsPerRace()),
                Justification.of(edit.reason(), edit.ticketId()), edit.version());
        return PlanViews.PlanDetails.of(plan);
    }

    @GET
    @Path("plans/{id}/history")
    @RolesAllowed("admin")
    @Operation(summary = "A plan's edits, newest first (admin)")
    public List<PlanChangeView> planHistory(@PathParam("id") String id) {
        return plans.history(id).stream().map(PlanChangeView::of).toList();
    }

    @GET
    @Path("users/{id}")
    @RolesAllowed("support")
    @Operation(summary = "A user's plan and its changes, newest first (support and up)")
    public UserPlanDetails userPlan(@PathParam("id") UUID id) {
        return new UserPlanDetails(id, PlanViews.UserPlan.of(assignments.effective(id)),
                assignments.history(id).stream().map(AssignmentChangeView::of).toList());
    }

    @PUT
    @Path("users/{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a user on a plan (admin), with a reason, a ticket and optionally an end (audited)")
    public UserPlanDetails assign(@PathParam("id") UUID id, @Valid @NotNull AssignmentRequest request) {
        assignments.assignByAdmin(caller.require(), id, request.plan(), request.until(),
                Justification.of(request.reason(), request.ticketId()));
        return userPlan(id);
    }

    @GET
    @Path("events")
    @RolesAllowed("admin")
    @Operation(summary = "Webhook events flagged for an admin: unknown customers, unreadable events (admin)")
    public List<EventView> flaggedEvents() {
        return webhooks.flagged().stream().map(EventView::of).toList();
    }
}
