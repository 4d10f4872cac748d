package io.paddock.discord.boundary;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.discord.control.BotSettings;
import io.paddock.discord.control.Presence;
import io.paddock.discord.entity.Room;
import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.UserRef;

/** Rooms as the API shows them: with their join link and, for open ones, who is in them. */
@ApplicationScoped
public class RoomViews {

    @Inject
    BotSettings settings;

    @Inject
    Presence presence;

    @Inject
    Accounts accounts;

    /** Whether races get voice rooms here (configured on, and a bot configured on this node). */
    boolean raceRoomsOn() {
        return settings.raceRooms() && settings.botConfigured();
    }

    RoomView plain(Room room) {
        return RoomView.of(room, settings.joinUrl(room.guildId(), room.channelId()), List.of());
    }

    /** An open room with who is in it; ended rooms have nobody. */
    RoomView withMembers(Room room) {
        if (room.ended()) {
            return plain(room);
        }
        List<Presence.Member> members = presence.in(room.channelId());
        Map<String, UserRef> linked = members.isEmpty() ? Map.of()
                : accounts.byDiscordIds(members.stream().map(Presence.Member::userId).toList());
        return RoomView.of(room, settings.joinUrl(room.guildId(), room.channelId()),
                members.stream().map(m -> RoomView.MemberView.of(m, linked.get(m.userId()))).toList());
    }
}
