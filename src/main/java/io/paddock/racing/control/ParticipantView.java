package io.paddock.racing.control;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.ParticipantStatus;
import io.paddock.racing.entity.ZoneVisit;

/**
 * A participant as clients see it (REST, auth_ok, player_update, leaderboard_update, race_state).
 * {@code zoneHistory} is the whole history when it was read, or null in a view of one message's
 * progress, which carries only the entry that message added ({@code entered}, at position
 * {@code zoneCount − 1}); the race room completes such a view from the one it holds.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ParticipantView(UUID id, @JsonProperty("twitch_username") String twitchUsername,
        @JsonProperty("twitch_display_name") String twitchDisplayName, String status,
        @JsonProperty("current_zone") String currentZone, @JsonProperty("current_layer") int currentLayer,
        @JsonProperty("igt_ms") long igtMs, @JsonProperty("death_count") int deathCount,
        @JsonProperty("color_index") int colorIndex, @JsonProperty("mod_connected") boolean modConnected,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("zone_history") List<ZoneVisit> zoneHistory,
        @JsonProperty("gap_ms") Long gapMs, @JsonProperty("layer_entry_igt") Long layerEntryIgt,
        @JsonIgnore long version, @JsonIgnore int zoneCount, @JsonIgnore ZoneVisit entered) implements java.io.Serializable {

    /** A view with its whole history (its size is the count). */
    public ParticipantView(UUID id, String twitchUsername, String twitchDisplayName, String status, String currentZone,
            int currentLayer, long igtMs, int deathCount, int colorIndex, boolean modConnected,
            List<ZoneVisit> zoneHistory, Long gapMs, Long layerEntryIgt, long version) {
        this(id, twitchUsername, twitchDisplayName, status, currentZone, currentLayer, igtMs, deathCount, colorIndex,
                modConnected, zoneHistory, gapMs, layerEntryIgt, version, zoneHistory.size(), null);
    }

    /** The participant with its stored history. */
    public static ParticipantView of(Participant p, List<ZoneVisit> history) {
        return new ParticipantView(p.id(), p.twitchUsername(), p.twitchDisplayName(), p.status().wire(),
                p.currentZone(), p.currentLayer(), p.igtMs(), p.deathCount(), p.colorIndex(), false,
                List.copyOf(history), null, p.layerEntryIgt(), p.version(), history.size(), null);
    }

    /** The participant after one message, without its history: only the entry it added, if any. */
    public static ParticipantView progress(Participant p, ZoneVisit entered) {
        return new ParticipantView(p.id(), p.twitchUsername(), p.twitchDisplayName(), p.status().wire(),
                p.currentZone(), p.currentLayer(), p.igtMs(), p.deathCount(), p.colorIndex(), false, null, null,
                p.layerEntryIgt(), p.version(), p.zoneCount(), entered);
    }

    /** Whether this participant has finished the race. */
    public boolean finished() {
        return ParticipantStatus.fromWire(status) == ParticipantStatus.FINISHED;
    }

    public ParticipantView withGap(Long gap) {
        return new ParticipantView(id, twitchUsername, twitchDisplayName, status, currentZone, currentLayer, igtMs,
                deathCount, colorIndex, modConnected, zoneHistory, gap, layerEntryIgt, version, zoneCount, entered);
    }

    /** This view with a whole history (the room's completion of a progress view). */
    public ParticipantView withHistory(List<ZoneVisit> history) {
        return new ParticipantView(id, twitchUsername, twitchDisplayName, status, currentZone, currentLayer, igtMs,
                deathCount, colorIndex, modConnected, List.copyOf(history), gapMs, layerEntryIgt, version,
                history.size(), null);
    }

    /**
     * As a racer or the public sees this participant in a race that hides finished names: a finisher
     * keeps its place, time and id but loses its names.
     */
    public ParticipantView withFinishedNameHidden() {
        return !finished() || twitchUsername == null && twitchDisplayName == null ? this
                : new ParticipantView(id, null, null, status, currentZone, currentLayer, igtMs, deathCount, colorIndex,
                        modConnected, zoneHistory, gapMs, layerEntryIgt, version, zoneCount, entered);
    }

    /** {@link #withFinishedNameHidden()} for each. */
    public static List<ParticipantView> withFinishedNamesHidden(List<ParticipantView> participants) {
        return participants.stream().map(ParticipantView::withFinishedNameHidden).toList();
    }

    public ParticipantView withModConnected(boolean connected) {
        return connected == modConnected ? this
                : new ParticipantView(id, twitchUsername, twitchDisplayName, status, currentZone, currentLayer, igtMs,
                        deathCount, colorIndex, connected, zoneHistory, gapMs, layerEntryIgt, version, zoneCount,
                        entered);
    }
}
