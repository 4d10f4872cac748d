package io.paddock.racing.boundary;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;
import io.paddock.racing.control.RaceAdministration;
import io.paddock.racing.control.Races;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/**
 * Staff actions on any race (admin and up), each with a reason and a ticket and recorded in the audit
 * trail. Spectators and mods are told after commit, as for the organizer's own changes.
 */
@Path("admin/races")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class RacesAdminResource {

    /** Why a staff action on a race is taken, for the audit trail. */
    public record RaceAdminAction(@Reason String reason, @TicketId String ticketId) {

        Justification why() {
            return Justification.of(reason, ticketId);
        }
    }

    /** Where a reset takes the race: {@code open} (the default) or, from open, {@code draft}. */
    public record RaceResetAction(@Pattern(regexp = "open|draft") String to, @Reason String reason,
            @TicketId String ticketId) {
    }

    @Inject
    RaceAdministration administration;

    @Inject
    Races races;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("{raceId}/cancel")
    @Operation(summary = "Cancel a race that is not finished (admin; audited): spectators and mods see it cancelled")
    public RaceViews.RaceSummary cancel(@PathParam("raceId") UUID raceId, @Valid @NotNull RaceAdminAction action) {
        return summary(administration.cancel(caller.require(), raceId, action.why()));
    }

    @POST
    @Path("{raceId}/delete")
    @Operation(summary = "Delete a draft race with its participants and invites (admin; audited)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("raceId") UUID raceId, @Valid @NotNull RaceAdminAction action) {
        administration.delete(caller.require(), raceId, action.why());
        return Response.noContent().build();
    }

    @POST
    @Path("{raceId}/reset")
    @Operation(summary = "Reset a race (admin; audited): back to open from countdown, running or finished (a started "
            + "race keeps its results as an attempt), or from open back to draft")
    public RaceViews.RaceSummary reset(@PathParam("raceId") UUID raceId, @Valid @NotNull RaceResetAction action) {
        RaceStatus target = "draft".equals(action.to()) ? RaceStatus.DRAFT : RaceStatus.OPEN;
        return summary(administration.reset(caller.require(), raceId, target,
                Justification.of(action.reason(), action.ticketId())));
    }

    @POST
    @Path("{raceId}/participants/{participantId}/remove")
    @Operation(summary = "Remove a participant while the race is draft or open (admin; audited); their mod token and "
            + "open mod sockets stop working")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response removeParticipant(@PathParam("raceId") UUID raceId, @PathParam("participantId") UUID participantId,
            @Valid @NotNull RaceAdminAction action) {
        administration.removeParticipant(caller.require(), raceId, participantId, action.why());
        return Response.noContent().build();
    }

    private RaceViews.RaceSummary summary(Race race) {
        return RaceViews.RaceSummary.of(race, races.entrantCounts(List.of(race.id())).getOrDefault(race.id(), 0L));
    }
}
