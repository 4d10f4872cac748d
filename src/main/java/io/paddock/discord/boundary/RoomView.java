package io.paddock.discord.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.paddock.discord.control.Presence;
import io.paddock.discord.entity.Room;

/**
 * A room as the API shows it: the channel, where to join it, who opened it or for which race, and
 * (when asked for) who is in it now.
 */
public record RoomView(String channelId, String guildId, String name, String joinUrl, UUID creatorId, UUID raceId,
        Integer userLimit, Instant createdAt, Instant endAfter, Instant endedAt, List<MemberView> members) {

    /** A Discord user in the room; {@code paddockUserId} and {@code displayName} when their Discord account is linked. */
    public record MemberView(String userId, String name, UUID paddockUserId, String displayName) {

        static MemberView of(Presence.Member member, io.paddock.identity.control.UserRef user) {
            return new MemberView(member.userId(), member.name(), user == null ? null : user.id(),
                    user == null ? member.name() : user.displayName());
        }
    }

    static RoomView of(Room room, String joinUrl, List<MemberView> members) {
        return new RoomView(room.channelId(), room.guildId(), room.name(), joinUrl, room.creatorId(), room.raceId(),
                room.userLimit(), room.createdAt(), room.endAfter(), room.endedAt(), members);
    }
}
