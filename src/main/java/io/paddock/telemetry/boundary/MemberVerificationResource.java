package io.paddock.telemetry.boundary;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;
import io.paddock.telemetry.control.MemberVerification;
import io.paddock.telemetry.control.ResultReview;

/** Admins see why a member is or is not verified (each part of the rule, met or not), and can set it by hand. */
@Path("admin/members/{id}/verification")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class MemberVerificationResource {

    /** The state to set by hand, and why. */
    public record MembershipChange(@NotNull @Pattern(regexp = "verified|pending") String state,
            @Reason String reason, @TicketId String ticketId) {
    }

    @Inject
    MemberVerification members;

    @Inject
    ResultReview review;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Operation(summary = "The member's state and each check of the verification rule (admin)")
    public MemberVerification.Report explain(@PathParam("id") UUID userId) {
        return members.explain(userId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the member's state by hand, with a reason and a ticket (admin; audited)")
    public MemberVerification.Report set(@PathParam("id") UUID userId, @Valid @NotNull MembershipChange change) {
        return review.setMembership(currentCaller.require(), userId, "verified".equals(change.state()),
                Justification.of(change.reason(), change.ticketId()));
    }
}
