package io.paddock.telemetry.boundary;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.telemetry.control.MemberVerification;

/** Admins see why a member is or is not verified: each part of the rule, met or not. */
@Path("admin/members/{id}/verification")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class MemberVerificationResource {

    @Inject
    MemberVerification members;

    @GET
    @Operation(summary = "The member's state and each check of the verification rule (admin)")
    public MemberVerification.Report explain(@PathParam("id") UUID userId) {
        return members.explain(userId);
    }
}
