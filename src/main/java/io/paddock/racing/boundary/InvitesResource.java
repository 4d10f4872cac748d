package io.paddock.racing.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.identity.control.CurrentCaller;

/** Invites: an organizer invites a player by Twitch login; the player accepts with the invite token. */
@Path("invite/{token}")
@Tag(name = "Races")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class InvitesResource {

    public record InviteInfo(@JsonProperty("race_id") java.util.UUID raceId, @JsonProperty("race_name") String raceName,
            @JsonProperty("race_status") String raceStatus, String organizer,
            @JsonProperty("twitch_username") String twitchUsername, String state,
            @JsonProperty("expires_at") java.time.Instant expiresAt) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    RaceService service;

    @GET
    @PermitAll
    @Operation(summary = "Invite details: race name, status, organizer, invited username, state")
    public InviteInfo get(@PathParam("token") String token) {
        RaceViews.InviteView invite = service.invite(token);
        RaceViews.RaceDetails race = service.details(service.inviteRace(token), java.util.Optional.empty());
        return new InviteInfo(race.id(), race.name(), race.status(), race.organizer().displayName(),
                invite.twitchUsername(), invite.state(), invite.expiresAt());
    }

    @POST
    @Path("accept")
    @Operation(summary = "Accept the invite: the signed-in user becomes a participant")
    public RaceViews.RaceDetails accept(@PathParam("token") String token) {
        return service.accept(caller.require(), token);
    }
}
