package io.paddock.discord.boundary;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.discord.control.DiscordBot;
import io.paddock.discord.control.RoomStore;

/** The bot's state and a race's voice room with who is in it now (the race page's room panel). */
@Path("discord")
@Tag(name = "Discord rooms")
@Produces(MediaType.APPLICATION_JSON)
public class DiscordResource {

    /** Whether the Discord features are on, for pages; no secrets, no guild details. */
    public record Features(String state, boolean raceRooms) {
    }

    /** A race's room: {@code room} is null while it has none (or the Discord features are off). */
    public record RaceRoom(String state, boolean raceRooms, RoomView room) {
    }

    @Inject
    DiscordBot bot;

    @Inject
    RoomStore rooms;

    @Inject
    RoomViews views;

    @GET
    @Path("features")
    @PermitAll
    @Operation(summary = "Whether the Discord features are on (state: off, connecting, ready, resuming, failed, standby)")
    public Features features() {
        return new Features(bot.status().state(), views.raceRoomsOn());
    }

    @GET
    @Path("races/{raceId}/room")
    @PermitAll
    @Operation(summary = "A race's voice room with who is in it now; room is null while it has none")
    public RaceRoom raceRoom(@PathParam("raceId") UUID raceId) {
        RoomView room = rooms.openOfRace(raceId).map(views::withMembers).orElse(null);
        return new RaceRoom(bot.status().state(), views.raceRoomsOn(), room);
    }
}
