package io.paddock.telemetry.boundary;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.telemetry.control.MemberVerification;
import io.paddock.telemetry.control.PluginPresence;

/**
 * A member's own view of the verification rule: each part, met or not, so "pending" says what is still
 * missing; and a plugin seen only through unsigned presence heartbeats, which is shown but never counts.
 */
@Path("members/me/verification")
@Tag(name = "Results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class MembershipResource {

    /** {@code unverifiedPlugin}: the last presence heartbeat sent with a bearer token, if any; not evidence. */
    public record Membership(String memberState, boolean ruleHolds, List<MemberVerification.Check> checks,
            PluginPresence.Seen unverifiedPlugin) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    MemberVerification members;

    @Inject
    PluginPresence presence;

    @GET
    @Operation(summary = "Your member state and each check of the verification rule; a plugin seen only through "
            + "unsigned presence heartbeats is listed as unverified and does not count")
    public Membership mine() {
        var userId = caller.require().userId();
        MemberVerification.Report report = members.explain(userId);
        return new Membership(report.memberState(), report.ruleHolds(), report.checks(),
                presence.seen(userId).orElse(null));
    }
}
