package io.paddock.racing.boundary;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.Message;
import io.paddock.racing.control.FinisherNames;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.control.RaceInfo;
import io.paddock.racing.control.RaceRoom;
import io.paddock.racing.control.RaceStates;
import io.paddock.racing.control.RaceStates.Viewer;

/**
 * The racing sockets' message shapes (docs/api/racing.md). A broadcast that names a finisher while
 * names are hidden gets an organizers' variant, keyed by the {@link Viewer} name a subscriber carries
 * as its audience; everybody else gets the default text.
 */
final class RaceMessages {

    static final String ORGANIZERS = Viewer.ORGANIZER.name();
    static final String INSIDERS = Viewer.INSIDER.name();

    private RaceMessages() {
    }

    static ObjectNode message(String type) {
        ObjectNode msg = Json.mapper().createObjectNode();
        msg.put("type", type);
        return msg;
    }

    static String encode(ObjectNode msg) {
        try {
            return Json.mapper().writeValueAsString(msg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String error(String code, String text) {
        ObjectNode msg = message("error");
        msg.put("code", code);
        msg.put("message", text);
        return encode(msg);
    }

    static Message statusChange(RaceInfo race) {
        ObjectNode msg = message("race_status_change");
        msg.put("status", race.status());
        msg.set("started_at", Json.mapper().valueToTree(race.startedAt()));
        msg.set("scheduled_start", Json.mapper().valueToTree(race.scheduledStart()));
        return Message.of(encode(msg));
    }

    static Message raceStart(RaceInfo race) {
        ObjectNode start = message("race_start");
        start.set("started_at", Json.mapper().valueToTree(race.startedAt()));
        return Message.of(encode(start));
    }

    static Message spectatorCount(int count) {
        ObjectNode msg = message("spectator_count");
        msg.put("count", count);
        return Message.of(encode(msg));
    }

    /**
     * One player_updates frame with every changed participant, per audience: each with its id and only the
     * fields that differ from what spectators were sent of it last (whole when there is no such view).
     */
    static Message playerUpdates(RaceRoom.Tick tick) {
        return perAudience(tick.names(), tick.changed(), hide -> {
            ObjectNode batch = message("player_updates");
            batch.put("version", tick.updatesVersion());
            batch.put("previous_version", tick.updatesAfter());
            ArrayNode players = batch.putArray("players");
            for (ParticipantView p : tick.changed()) {
                ObjectNode player = player(p, hide, tick.histories().get(p.id()));
                ParticipantView before = tick.shownBefore().get(p.id());
                if (before != null) {
                    onlyChanged(player, withoutHistory(hide ? before.withFinishedNameHidden() : before));
                }
                players.add(player);
            }
            return encode(batch);
        });
    }

    /**
     * Removes from {@code player} every field but its id that {@code before} has with the same value. A
     * status change keeps the names too: whether they are hidden depends on it, in every audience's frame.
     */
    static void onlyChanged(ObjectNode player, ObjectNode before) {
        boolean statusChanged = !player.path("status").equals(before.path("status"));
        for (var fields = player.fields(); fields.hasNext();) {
            var field = fields.next();
            String name = field.getKey();
            boolean kept = name.equals("id") || statusChanged && NAMES.contains(name);
            if (!kept && field.getValue().equals(before.get(name))) {
                fields.remove();
            }
        }
    }

    private static final java.util.Set<String> NAMES = java.util.Set.of("twitch_username", "twitch_display_name");

    /** The original protocol's framing: one player_update per changed participant, per audience. */
    static List<Message> singlePlayerUpdates(RaceRoom.Tick tick) {
        List<Message> singles = new ArrayList<>(tick.changed().size());
        for (ParticipantView p : tick.changed()) {
            singles.add(perAudience(tick.names(), List.of(p), hide -> {
                ObjectNode msg = message("player_update");
                msg.set("player", player(p, hide, tick.histories().get(p.id())));
                return encode(msg);
            }));
        }
        return singles;
    }

    static Message leaderboard(RaceRoom.Tick tick) {
        Leaderboard.Ranked board = tick.board();
        return perAudience(tick.names(), board.participants(), hide -> {
            ObjectNode msg = message("leaderboard_update");
            msg.put("version", tick.boardVersion());
            ArrayNode participants = msg.putArray("participants");
            for (ParticipantView p : board.participants()) {
                participants.add(withoutHistory(hide ? p.withFinishedNameHidden() : p));
            }
            msg.set("leader_splits", Json.mapper().valueToTree(board.leaderSplits()));
            return encode(msg);
        });
    }

    /**
     * race_state for one viewer, from a fresh read (so the race's own flag and status decide, not the
     * room's copy), with the room's live connections, the room's {@code version} and the spectator count.
     */
    static String raceState(RaceStates.State state, RaceRoom room, long version, Viewer viewer, int spectators) {
        ObjectNode msg = message("race_state");
        msg.set("race", Json.mapper().valueToTree(state.race()));
        ObjectNode seed = msg.putObject("seed");
        seed.put("total_layers", state.totalLayers());
        if (state.graph() != null) {
            seed.set("graph_json", state.graph());
        }
        FinisherNames names = new FinisherNames(state.showFinishedNames(),
                io.paddock.racing.entity.RaceStatus.fromWire(state.race().status()));
        msg.set("participants", Json.mapper().valueToTree(
                names.shownTo(viewer, room.live(state.board().participants()))));
        msg.set("leader_splits", Json.mapper().valueToTree(state.board().leaderSplits()));
        msg.put("version", version);
        msg.put("spectator_count", spectators);
        return encode(msg);
    }

    /**
     * A participant in a player update: without its zone history, but with what changed in it since
     * the last update (keep {@code zone_history_from} entries, append {@code zone_history_added}).
     */
    private static ObjectNode player(ParticipantView p, boolean hide, RaceRoom.HistoryChange history) {
        ObjectNode player = withoutHistory(hide ? p.withFinishedNameHidden() : p);
        if (history != null) {
            player.put("zone_history_from", history.from());
            player.set("zone_history_added", Json.mapper().valueToTree(history.added()));
        }
        return player;
    }

    /** Frames after race_state never repeat a zone history: race_state has it, player updates extend it. */
    private static ObjectNode withoutHistory(ParticipantView p) {
        ObjectNode node = Json.mapper().valueToTree(p);
        node.remove("zone_history");
        return node;
    }

    /** Encoded once for everybody, or (when it names a hidden finisher) hidden plus an organizers' variant. */
    private static Message perAudience(FinisherNames names, List<ParticipantView> named, Encoder encoder) {
        if (!names.splitsAudiences(named)) {
            return Message.of(encoder.encode(false));
        }
        return Message.of(encoder.encode(true)).withVariant(ORGANIZERS, encoder.encode(false));
    }

    @FunctionalInterface
    private interface Encoder {
        String encode(boolean hideFinishedNames);
    }
}
