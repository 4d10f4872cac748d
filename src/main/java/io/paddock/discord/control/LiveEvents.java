package io.paddock.discord.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Timed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.discord.entity.Room;
import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.UserRef;
import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.Broadcasts;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.Message;

/**
 * Where every Discord event goes, whether the bot on this node saw it or a gateway worker posted it:
 * events of other guilds are dropped; on a worker node it is posted to the hub; otherwise the voice
 * presence is updated, a deleted channel's room is marked ended, and the event is published to browsers
 * ({@code /api/ws}) on the guild's channel, the room's channel and, for a race room, the race's channel.
 * <p>
 * Envelope: {@code {"v":1,"type":"event","event":…,"payload":{…},"ts":<epoch ms>}}. A room event is
 * announced once per channel (and race): the gateway's report and the commit of the same room are one
 * announcement, unless only the commit knew its race.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String GUILD_CHANNEL = "discord:guild";
    private static final long REPEAT_WINDOW_MS = 300_000;

    @Inject
    Broadcasts broadcasts;

    @Inject
    BotSettings settings;

    @Inject
    Presence presence;

    @Inject
    RoomStore rooms;

    @Inject
    Accounts accounts;

    @Inject
    HubClient hub;

    @Inject
    ChannelHub sockets;

    @Inject
    Clock clock;

    /** Channel id → the race its room belongs to (empty: no race, or not a room of Paddock's). */
    private final Map<String, Optional<UUID>> raceOfChannel = new ConcurrentHashMap<>();
    /** "event channelId" of room events already published → when. */
    private final Map<String, Long> announced = new ConcurrentHashMap<>();
    /** Whether a flush of the sockets' hub is already asked for (many events, one flush). */
    private final AtomicBoolean flushAsked = new AtomicBoolean();

    public static String roomChannel(String channelId) {
        return "discord:room:" + channelId;
    }

    public static String raceChannel(UUID raceId) {
        return "discord:race:" + raceId;
    }

    /**
     * Handles one event (the bot's listener and the internal-events endpoint call this, in order). Timed
     * up to the broadcast queued for the sockets; the hub's {@code paddock.websocket.fanout} times the rest.
     */
    @Timed(name = "paddock.discord.events", absolute = true, unit = MetricUnits.NANOSECONDS,
            description = "A Discord event from the gateway or a worker until its broadcast is queued for the sockets")
    public void accept(DiscordEvent event) {
        if (!settings.guildId().isEmpty() && !settings.guildId().equals(event.guildId())) {
            return;
        }
        if (settings.mode() == BotSettings.Mode.WORKER) {
            hub.post(event);
            return;
        }
        switch (event.event()) {
            case DiscordEvent.ROOM_DELETED -> {
                presence.channelGone(event.channelId());
                Optional<Room> room = rooms.ended(event.channelId());
                if (room.isEmpty()) {
                    publishRoom(event.event(), event.guildId(), event.channelId(), event.name(), null);
                }
            }
            case DiscordEvent.ROOM_CREATED -> publishRoom(event.event(), event.guildId(), event.channelId(),
                    event.name(), raceOf(event.channelId()).orElse(null));
            case DiscordEvent.VOICE_JOINED -> {
                presence.joined(event.channelId(), event.userId(), event.name());
                publishVoice(event);
            }
            case DiscordEvent.VOICE_LEFT -> {
                // The gateway may not say which channel was left (a member it had not cached): the
                // channel Paddock saw them in still routes the event to that room's and race's subscribers.
                DiscordEvent left = event.channelId() != null ? event
                        : presence.channelOf(event.userId())
                                .map(channel -> new DiscordEvent(event.event(), event.guildId(), channel,
                                        event.userId(), event.name()))
                                .orElse(event);
                presence.left(event.userId());
                publishVoice(left);
            }
            default -> throw new IllegalArgumentException("Unknown Discord event " + event.event());
        }
    }

    /** After the commit that recorded or ended a room. */
    void roomChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomChanged change) {
        raceOfChannel.put(change.channelId(), Optional.ofNullable(change.raceId()));
        if (DiscordEvent.ROOM_DELETED.equals(change.event())) {
            presence.channelGone(change.channelId());
        }
        publishRoom(change.event(), change.guildId(), change.channelId(), change.name(), change.raceId());
    }

    private Optional<UUID> raceOf(String channelId) {
        if (channelId == null) {
            return Optional.empty();
        }
        Optional<UUID> known = raceOfChannel.get(channelId);
        if (known != null) {
            return known;
        }
        Optional<UUID> race = rooms.byChannel(channelId).map(Room::raceId);
        if (race.isPresent() || raceOfChannel.size() < 10_000) {
            // Never over what the commit of the room said (it may have come meanwhile).
            Optional<UUID> kept = raceOfChannel.putIfAbsent(channelId, race);
            return kept == null ? race : kept;
        }
        return race;
    }

    private void publishRoom(String event, String guildId, String channelId, String name, UUID raceId) {
        long now = clock.millis();
        // The gateway may report a room before the commit that ties it to a race: a report with the race
        // is not a repeat of one without.
        Long before = announced.put(event + " " + channelId + " " + raceId, now);
        if (before != null && now - before < REPEAT_WINDOW_MS) {
            return;
        }
        if (announced.size() > 10_000) {
            announced.values().removeIf(at -> now - at > REPEAT_WINDOW_MS);
        }
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("channelId", channelId);
        payload.put("guildId", guildId);
        if (name != null) {
            payload.put("name", name);
        }
        if (raceId != null) {
            payload.put("raceId", raceId.toString());
        }
        publish(event, payload, channelId, raceId);
    }

    private void publishVoice(DiscordEvent event) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("guildId", event.guildId());
        payload.put("channelId", event.channelId());
        payload.put("userId", event.userId());
        payload.put("name", event.name() == null ? event.userId() : event.name());
        UserRef user = accounts.byDiscordIds(List.of(event.userId())).get(event.userId());
        if (user != null) {
            payload.put("paddockUserId", user.id().toString());
            payload.put("displayName", user.displayName());
        }
        publish(event.event(), payload, event.channelId(), raceOf(event.channelId()).orElse(null));
    }

    private void publish(String event, ObjectNode payload, String channelId, UUID raceId) {
        Message message = Message.of(envelope("event", event, payload, clock.millis()));
        broadcasts.publish(GUILD_CHANNEL, message);
        if (channelId != null) {
            broadcasts.publish(roomChannel(channelId), message);
        }
        if (raceId != null) {
            broadcasts.publish(raceChannel(raceId), message);
        }
        flushSoon();
    }

    /**
     * Asks the hub to deliver now rather than at its next tick (up to {@code paddock.websocket.tick}
     * later): a Discord event is rare and waited for, so it goes out at once, on the hub's own thread.
     * In a cluster the broadcast reaches this node's hub through the data grid, after this call: it
     * goes out at the next tick there, as on every other node.
     */
    private void flushSoon() {
        if (flushAsked.compareAndSet(false, true)) {
            sockets.schedule(() -> {
                flushAsked.set(false);
                sockets.flush();
            }, Duration.ZERO);
        }
    }

    /** The socket's envelope: {@code {v: 1, type, event, payload, ts}}. */
    public static String envelope(String type, String event, ObjectNode payload, long ts) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("v", 1);
        node.put("type", type);
        node.put("event", event);
        node.set("payload", payload == null ? Json.mapper().createObjectNode() : payload);
        node.put("ts", ts);
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
