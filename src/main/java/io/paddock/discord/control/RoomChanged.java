package io.paddock.discord.control;

import java.util.UUID;

/**
 * A room was recorded or ended, fired inside the transaction; {@link LiveEvents} publishes it after
 * commit only, so browsers never hear of a room the database does not hold.
 *
 * @param event {@link DiscordEvent#ROOM_CREATED} or {@link DiscordEvent#ROOM_DELETED}
 */
public record RoomChanged(String event, String guildId, String channelId, String name, UUID raceId) {
}
