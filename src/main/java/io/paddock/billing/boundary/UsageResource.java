package io.paddock.billing.boundary;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.billing.control.BillingSettings;
import io.paddock.billing.control.Limits;
import io.paddock.billing.control.PlanAssignments;
import io.paddock.identity.control.CurrentCaller;

/** The caller's plan and usage against its limits. */
@Path("usage")
@Tag(name = "Billing")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    CurrentCaller caller;

    @Inject
    PlanAssignments assignments;

    @Inject
    Limits limits;

    @Inject
    BillingSettings settings;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "Your plan, where it comes from, and your usage against each of its limits")
    public PlanViews.UsageView usage() {
        UUID userId = caller.require().userId();
        return PlanViews.UsageView.of(settings.enabled(), assignments.effective(userId), limits.usage(userId));
    }
}
