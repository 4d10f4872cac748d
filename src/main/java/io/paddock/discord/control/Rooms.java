package io.paddock.discord.control;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.discord.entity.Room;
import io.paddock.identity.control.Caller;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.racing.control.RaceDirectory;

/**
 * Opening and ending rooms: Discord first (outside any transaction, JDA waiting out rate limits), then the
 * database. A channel Discord created but Paddock could not record is deleted again, so nothing is left
 * half-stored; every mutating Discord call carries an audit-log reason naming who and why.
 */
@ApplicationScoped
public class Rooms {

    private static final Logger LOG = Logger.getLogger(Rooms.class.getName());

    @Inject
    DiscordBot bot;

    @Inject
    RoomStore store;

    @Inject
    RaceDirectory races;

    @Inject
    BotSettings settings;

    @Inject
    Clock clock;

    /** Opens a voice room for the caller ({@code name} defaults to "<display name>'s room"). */
    public Room open(Caller caller, String name, String parentId, Integer userLimit) {
        String roomName = name == null || name.isBlank() ? caller.displayName() + "'s room" : name.strip();
        DiscordBot.CreatedChannel channel = bot.createVoiceChannel(clip(roomName), parentId, userLimit,
                "Paddock: room opened by " + caller.displayName() + " (user " + caller.userId() + ")");
        return recordOrUndo(channel, caller.userId(), null, userLimit);
    }

    /** Ends a room: its creator, its race's organizer or an admin may. */
    public Room end(Caller caller, String channelId) {
        Room room = store.byChannel(channelId).filter(r -> !r.ended()).orElseThrow(() -> new ResourceNotFoundException(
                "room-not-found", "Room not found", "Paddock has no open room for channel " + channelId + "."));
        boolean organizer = room.raceId() != null && races.organizedBy(room.raceId(), caller.userId());
        if (!room.mayBeEndedBy(caller.userId(), organizer, caller.isAdmin())) {
            throw new AccessDeniedException("room-not-yours", "Not your room",
                    "Only the room's creator, its race's organizer or an admin may end it.");
        }
        bot.deleteChannel(channelId, "Paddock: room ended by " + caller.displayName() + " (user " + caller.userId()
                + ")");
        return store.ended(channelId).orElse(room);
    }

    /** The race entered countdown: it gets its own voice room, once (when race rooms are on and the bot is ready). */
    public void openForRace(UUID raceId, String raceName) {
        if (!settings.raceRooms() || !bot.status().ready() || store.openOfRace(raceId).isPresent()) {
            return;
        }
        DiscordBot.CreatedChannel channel = bot.createVoiceChannel(clip("Race: " + raceName),
                settings.raceRoomParentId().orElse(null), null,
                "Paddock: voice room of race " + raceName + " (" + raceId + "), which entered countdown");
        recordOrUndo(channel, null, raceId, null);
    }

    /** The race finished (or went back to setup): its room is removed once the grace period is over. */
    public void raceOver(UUID raceId) {
        store.endRaceRoomFrom(raceId, clock.instant().plus(settings.gracePeriod()));
    }

    /** Removes race rooms whose grace period is over; how many were ended. */
    public int endDue() {
        if (!bot.status().ready()) {
            return 0;
        }
        int ended = 0;
        for (Room room : store.due(20)) {
            try {
                bot.deleteChannel(room.channelId(), "Paddock: the race " + room.raceId()
                        + " is over and its grace period has passed");
                store.ended(room.channelId());
                ended++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not remove the race room " + room.channelId(), e);
            }
        }
        return ended;
    }

    public List<Room> recent(int max) {
        return store.recent(max);
    }

    private Room recordOrUndo(DiscordBot.CreatedChannel channel, UUID creatorId, UUID raceId, Integer userLimit) {
        try {
            return store.record(channel.channelId(), channel.guildId(), channel.name(), creatorId, raceId, userLimit);
        } catch (RuntimeException e) {
            try {
                bot.deleteChannel(channel.channelId(), "Paddock: the room could not be recorded, so it is removed");
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    private static String clip(String name) {
        return name.length() <= Room.MAX_NAME ? name : name.substring(0, Room.MAX_NAME);
    }
}
