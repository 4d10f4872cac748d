package io.paddock.discord.boundary;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.discord.control.BotSettings;
import io.paddock.discord.control.BotStatus;
import io.paddock.discord.control.DiscordBot;
import io.paddock.discord.control.RoomStore;

/** The admin page's data: the bot's gateway session, its guild and the latest rooms. */
@Path("admin/discord")
@Tag(name = "Discord rooms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class DiscordAdminResource {

    /** The session, the race-room settings and the latest 50 rooms (open ones with who is in them). */
    public record AdminStatus(BotStatus bot, boolean raceRooms, String gracePeriod, List<RoomView> rooms) {
    }

    @Inject
    DiscordBot bot;

    @Inject
    BotSettings settings;

    @Inject
    RoomStore rooms;

    @Inject
    RoomViews views;

    @GET
    @Operation(summary = "The bot's gateway session (state, reason, guild, sessions, resumes) and the latest rooms")
    public AdminStatus status() {
        List<RoomView> latest = rooms.recent(50).stream()
                .map(views::withMembers).toList();
        return new AdminStatus(bot.status(), views.raceRoomsOn(), settings.gracePeriod().toString(), latest);
    }
}
