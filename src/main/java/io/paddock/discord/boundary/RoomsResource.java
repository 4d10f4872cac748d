package io.paddock.discord.boundary;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.discord.control.BotSettings;
import io.paddock.discord.control.Rooms;
import io.paddock.discord.entity.Room;
import io.paddock.identity.control.CurrentCaller;

/**
 * Voice rooms on the configured Discord guild, with the Spell Coven paths: {@code POST /api/create-room}
 * and {@code DELETE /api/end-room/{channelId}}. A signed-in user (token, API key or session) opens one;
 * its creator, its race's organizer or an admin ends it.
 */
@Path("")
@Tag(name = "Discord rooms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class RoomsResource {

    /** What to open; everything optional. */
    public record CreateRoom(@Size(min = 1, max = 100) String name,
            @Pattern(regexp = "[0-9]{1,20}", message = "must be a Discord id") String parentId,
            @Min(0) @Max(99) Integer userLimit) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Rooms rooms;

    @Inject
    BotSettings settings;

    @POST
    @Path("create-room")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a voice room (a voice channel in the configured guild); 503 while the bot is not ready")
    @APIResponseSchema(value = RoomView.class, responseCode = "201", responseDescription = "The room Discord created")
    public Response create(@Valid CreateRoom request) {
        CreateRoom body = request == null ? new CreateRoom(null, null, null) : request;
        Room room = rooms.open(caller.require(), body.name(), body.parentId(), body.userLimit());
        return Response.created(URI.create("/api/end-room/" + room.channelId()))
                .entity(view(room)).build();
    }

    @DELETE
    @Path("end-room/{channelId}")
    @Operation(summary = "End a voice room (deletes its channel); its creator, its race's organizer or an admin")
    public RoomView end(@PathParam("channelId") @Pattern(regexp = "[0-9]{1,20}", message = "must be a Discord id")
            String channelId) {
        return view(rooms.end(caller.require(), channelId));
    }

    private RoomView view(Room room) {
        return RoomView.of(room, settings.joinUrl(room.guildId(), room.channelId()), List.of());
    }
}
