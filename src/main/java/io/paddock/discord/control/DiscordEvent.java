package io.paddock.discord.control;

import java.io.Serializable;
import java.util.Set;

/**
 * Something that happened in the guild, as the bot saw it or a gateway worker reported it:
 * {@code room.created}, {@code room.deleted}, {@code voice.joined} or {@code voice.left}.
 *
 * @param channelId the voice channel (for {@code voice.left}: the channel left; null when not known)
 * @param userId    the Discord user of a voice event
 * @param name      the channel's name (room events) or the user's Discord name (voice events)
 */
public record DiscordEvent(String event, String guildId, String channelId, String userId, String name)
        implements Serializable {

    public static final String ROOM_CREATED = "room.created";
    public static final String ROOM_DELETED = "room.deleted";
    public static final String VOICE_JOINED = "voice.joined";
    public static final String VOICE_LEFT = "voice.left";
    public static final Set<String> KINDS = Set.of(ROOM_CREATED, ROOM_DELETED, VOICE_JOINED, VOICE_LEFT);

    public boolean voice() {
        return event.startsWith("voice.");
    }
}
