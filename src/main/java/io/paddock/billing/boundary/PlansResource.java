package io.paddock.billing.boundary;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.billing.control.Plans;

/** The plans side by side, cheapest first: what the pricing page shows. */
@Path("plans")
@Tag(name = "Billing")
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

    @Inject
    Plans plans;

    @GET
    @PermitAll
    @Operation(summary = "The plans with their limits (-1: unlimited) and monthly prices in cents (null: on request)")
    public List<PlanViews.PlanView> list() {
        return plans.all().stream().map(PlanViews.PlanView::of).toList();
    }
}
