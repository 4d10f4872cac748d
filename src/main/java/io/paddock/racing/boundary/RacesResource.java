package io.paddock.racing.boundary;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.web.NoStore;
import io.paddock.platform.web.PreparedJson;
import io.paddock.racing.control.Packs;
import io.paddock.racing.control.Races;
import io.paddock.racing.entity.RaceStatus;

/** Races as SpeedFog Racing's clients know them (docs/api/racing.md), plus open, reset and re-roll. */
@Path("races")
@Tag(name = "Races")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class RacesResource {

    public record RaceConfig(@JsonProperty("show_finished_names") Boolean showFinishedNames,
            @JsonProperty("max_participants") @Min(1) @Max(1000) Integer maxParticipants) {
    }

    public record CreateRace(@NotBlank @Size(max = 100) String name,
            @JsonProperty("pool_name") @Size(max = 100) String poolName, @Valid RaceConfig config) {
    }

    public record AddParticipant(@JsonProperty("twitch_username") @NotBlank @Size(max = 50)
            @Pattern(regexp = "[A-Za-z0-9_]{1,50}", message = "must be a Twitch login (letters, digits, _)")
            String twitchUsername) {
    }

    public record StartRace(@JsonProperty("scheduled_start") @NotNull Instant scheduledStart, Long version) {
    }

    /** Optional optimistic check for state actions: the version the client last saw. */
    public record Action(Long version) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    RaceService service;

    @Inject
    RaceListSnapshots snapshots;

    @Inject
    RaceDetailsSnapshots detailsSnapshots;

    @Inject
    Clock clock;

    @Inject
    Races races;

    @Inject
    Packs packs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a race with a random available seed of the pool (default pool: standard)")
    @APIResponseSchema(value = RaceViews.RaceDetails.class, responseCode = "201", responseDescription = "The new race")
    public Response create(@Valid @NotNull CreateRace request) {
        RaceConfig config = request.config() == null ? new RaceConfig(null, null) : request.config();
        String pool = request.poolName() == null || request.poolName().isBlank() ? "standard" : request.poolName();
        UUID id = races.create(caller.require(), request.name(), pool,
                config.showFinishedNames() == null || config.showFinishedNames(), config.maxParticipants()).id();
        return Response.created(URI.create("/api/races/" + id))
                .entity(service.details(id, caller.get())).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "List races, newest first; filter with ?status=open,running. Answers an ETag: send it"
            + " back in If-None-Match to get a 304 while the list is unchanged")
    @APIResponseSchema(value = RaceViews.RaceSummary[].class, responseDescription = "The races")
    public Response list(@QueryParam("status") String status, @Context Request request) {
        List<RaceStatus> statuses = statuses(status);
        if (statuses == null) {
            throw new InvalidRequestException("invalid-status", "Unknown status",
                    "status must be draft, open, countdown, running or finished.");
        }
        return snapshots.list(statuses).answer(request, PreparedJson.REVALIDATE);
    }

    /** The statuses of a {@code status} query ({@code open,running}; none for all), or {@code null} for an unknown one. */
    static List<RaceStatus> statuses(String status) {
        List<RaceStatus> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(RaceStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return statuses;
    }

    @GET
    @Path("history")
    @PermitAll
    @Operation(summary = "Finished races, the latest finish first, one page at a time (page from 0, size 1–100)")
    public RaceViews.RaceHistory history(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.history(page, size);
    }

    @GET
    @Path("mine")
    @Operation(summary = "The caller's races: organized (drafts included) and entered, newest first")
    public RaceViews.MyRaces mine() {
        return service.mine(caller.require());
    }

    @GET
    @Path("{raceId}/attempts")
    @PermitAll
    @Operation(summary = "Earlier attempts of a race, kept with their results when it was reset after the start")
    public List<RaceViews.AttemptView> attempts(@PathParam("raceId") UUID raceId) {
        return service.attempts(raceId);
    }

    @GET
    @Path("{raceId}")
    @PermitAll
    @Operation(summary = "Race details with the ranked participants. Answers a weak ETag (everything but"
            + " server_time): send it back in If-None-Match to get a 304 while the details are unchanged")
    @APIResponseSchema(value = RaceViews.RaceDetails.class, responseDescription = "The race")
    public Response get(@PathParam("raceId") UUID raceId, @Context Request request) {
        PreparedJson details = detailsSnapshots.details(raceId, caller.get());
        return details.answer(request, PreparedJson.REVALIDATE,
                RaceDetailsSnapshots.withServerTime(details.body(), clock.instant()));
    }

    @POST
    @Path("{raceId}/participants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a participant by Twitch username (organizer); an unknown username gets an invite")
    @APIResponseSchema(value = RaceViews.AddedView.class, responseCode = "201", responseDescription = "The participant, or the invite for an unknown username")
    public Response addParticipant(@PathParam("raceId") UUID raceId, @Valid @NotNull AddParticipant request) {
        return Response.status(201).entity(service.add(caller.require(), raceId, request.twitchUsername())).build();
    }

    @DELETE
    @Path("{raceId}/participants/{participantId}")
    @Operation(summary = "Remove a participant (organizer); their mod token stops working")
    public Response removeParticipant(@PathParam("raceId") UUID raceId,
            @PathParam("participantId") UUID participantId) {
        races.removeParticipant(caller.require(), raceId, participantId);
        return Response.noContent().build();
    }

    @POST
    @Path("{raceId}/participants/{participantId}/regenerate-token")
    @Operation(summary = "Give a participant a new mod token (organizer): the old token, its pack and its open mod "
            + "sockets stop working; returns the new download URL")
    @NoStore
    public RaceViews.Download regenerateToken(@PathParam("raceId") UUID raceId,
            @PathParam("participantId") UUID participantId) {
        return service.regenerateToken(caller.require(), raceId, participantId);
    }

    @POST
    @Path("{raceId}/generate-zips")
    @Operation(summary = "Release the personal packs (organizer); returns each participant's download URL")
    @NoStore
    public RaceViews.Downloads generateZips(@PathParam("raceId") UUID raceId) {
        return service.generate(caller.require(), raceId);
    }

    @GET
    @Path("{raceId}/my-pack")
    @Operation(summary = "The signed-in participant's own download URL")
    @NoStore
    public RaceViews.Download myPack(@PathParam("raceId") UUID raceId) {
        return service.mine(caller.require(), raceId);
    }

    @GET
    @Path("{raceId}/download/{modToken}")
    @PermitAll
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @Operation(summary = "Download a personal pack (zip streamed on demand); the mod token is the credential")
    public Response download(@PathParam("raceId") UUID raceId, @PathParam("modToken") String modToken) {
        if (!modToken.matches("[0-9a-f]{1,64}")) {
            throw new io.paddock.platform.errors.ResourceNotFoundException("pack-not-found", "Pack not found",
                    "No pack for this race and token.");
        }
        Packs.Pack pack = packs.prepare(raceId, modToken);
        StreamingOutput body = out -> Packs.write(pack, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + pack.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{raceId}/download/{modToken}/torrent")
    @PermitAll
    @Produces({"application/x-bittorrent", MediaType.APPLICATION_JSON})
    @Operation(summary = "The race seed's files as a .torrent that this server seeds (the personal "
            + "speedfog_race.toml stays in the pack); the mod token is the credential, as for the pack")
    public Response torrent(@PathParam("raceId") UUID raceId, @PathParam("modToken") String modToken) {
        if (!modToken.matches("[0-9a-f]{1,64}")) {
            throw new io.paddock.platform.errors.ResourceNotFoundException("pack-not-found", "Pack not found",
                    "No pack for this race and token.");
        }
        Packs.TorrentFile torrent = packs.torrent(raceId, modToken);
        return Response.ok(torrent.metainfo(), "application/x-bittorrent")
                .header("Content-Disposition", "attachment; filename=\"" + torrent.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{raceId}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set scheduled_start and enter the countdown (organizer)")
    public RaceViews.RaceDetails start(@PathParam("raceId") UUID raceId, @Valid @NotNull StartRace request) {
        races.start(caller.require(), raceId, request.scheduledStart(), request.version());
        return service.details(raceId, caller.get());
    }

    @POST
    @Path("{raceId}/open")
    @Operation(summary = "Open a draft race (organizer)")
    public RaceViews.RaceDetails open(@PathParam("raceId") UUID raceId, Action action) {
        races.open(caller.require(), raceId, action == null ? null : action.version());
        return service.details(raceId, caller.get());
    }

    @POST
    @Path("{raceId}/reset")
    @Operation(summary = "Reset a started or finished race back to open (organizer); a race that started keeps its "
            + "results as a recorded attempt (GET …/attempts) and its participants start again")
    public RaceViews.RaceDetails reset(@PathParam("raceId") UUID raceId, Action action) {
        races.reset(caller.require(), raceId, action == null ? null : action.version());
        return service.details(raceId, caller.get());
    }

    @POST
    @Path("{raceId}/reroll")
    @Operation(summary = "Draw another seed while the race is draft or open and no pack was released (organizer)")
    public RaceViews.RaceDetails reroll(@PathParam("raceId") UUID raceId, Action action) {
        races.reroll(caller.require(), raceId, action == null ? null : action.version());
        return service.details(raceId, caller.get());
    }
}
