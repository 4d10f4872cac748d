package io.paddock.transfers.boundary;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.audit.Justification;
import io.paddock.transfers.control.DeadLetters;
import io.paddock.transfers.control.Transfers;

/** The transfer queue's dead letters: jobs that used up their attempts, and replaying one. */
@Path("admin/dlq")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({"support", "admin", "superadmin"})
    @Operation(summary = "Dead-lettered transfer jobs, most recent first, with their attempts and last error; ?page (from 0) and ?size (1-100)")
    public DeadLetters.DeadLetterPage list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return deadLetters.page(page, size);
    }

    @POST
    @Path("{jobId}/replay")
    @RolesAllowed({"admin", "superadmin"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a dead-lettered job back in the queue with fresh attempts, with a reason and a ticket (audited)")
    public Transfers.StaffJobView replay(@PathParam("jobId") UUID jobId,
            @Valid @NotNull TransfersAdminResource.TransfersAdminAction action) {
        return deadLetters.replay(caller.require(), jobId, Justification.of(action.reason(), action.ticketId()));
    }
}
