package io.paddock.racing.control;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.ParticipantStatus;
import io.paddock.racing.entity.ZoneVisit;

/** A participant as clients see it (REST, auth_ok, player_update, leaderboard_update). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ParticipantView(UUID id, @JsonProperty("twitch_username") String twitchUsername,
        @JsonProperty("twitch_display_name") String twitchDisplayName, String status,
        @JsonProperty("current_zone") String currentZone, @JsonProperty("current_layer") int currentLayer,
        @JsonProperty("igt_ms") long igtMs, @JsonProperty("death_count") int deathCount,
        @JsonProperty("color_index") int colorIndex, @JsonProperty("mod_connected") boolean modConnected,
        @JsonProperty("zone_history") List<ZoneVisit> zoneHistory, @JsonProperty("gap_ms") Long gapMs,
        @JsonProperty("layer_entry_igt") Long layerEntryIgt, @JsonIgnore long version) {

    public static ParticipantView of(Participant p) {
        return new ParticipantView(p.id(), p.twitchUsername(), p.twitchDisplayName(), p.status().wire(),
                p.currentZone(), p.currentLayer(), p.igtMs(), p.deathCount(), p.colorIndex(), false,
                List.copyOf(p.zoneHistory()), null, p.layerEntryIgt(), p.version());
    }

    /** Whether this participant has finished the race. */
    public boolean finished() {
        return ParticipantStatus.fromWire(status) == ParticipantStatus.FINISHED;
    }

    public ParticipantView withGap(Long gap) {
        return new ParticipantView(id, twitchUsername, twitchDisplayName, status, currentZone, currentLayer, igtMs,
                deathCount, colorIndex, modConnected, zoneHistory, gap, layerEntryIgt, version);
    }

    /**
     * As a racer or the public sees this participant in a race that hides finished names: a finisher
     * keeps its place, time and id but loses its names.
     */
    public ParticipantView withFinishedNameHidden() {
        return !finished() || twitchUsername == null && twitchDisplayName == null ? this
                : new ParticipantView(id, null, null, status, currentZone, currentLayer, igtMs, deathCount, colorIndex,
                        modConnected, zoneHistory, gapMs, layerEntryIgt, version);
    }

    /** {@link #withFinishedNameHidden()} for each. */
    public static List<ParticipantView> withFinishedNamesHidden(List<ParticipantView> participants) {
        return participants.stream().map(ParticipantView::withFinishedNameHidden).toList();
    }

    public ParticipantView withModConnected(boolean connected) {
        return connected == modConnected ? this
                : new ParticipantView(id, twitchUsername, twitchDisplayName, status, currentZone, currentLayer, igtMs,
                        deathCount, colorIndex, connected, zoneHistory, gapMs, layerEntryIgt, version);
    }
}
