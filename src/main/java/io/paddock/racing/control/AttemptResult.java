package io.paddock.racing.control;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One participant's result in a recorded attempt: the place (1..n for finishers by IGT, null for the
 * others) and what the leaderboard showed at the reset.
 */
public record AttemptResult(Integer place, @JsonProperty("participant_id") UUID participantId,
        @JsonProperty("twitch_username") String twitchUsername,
        @JsonProperty("twitch_display_name") String twitchDisplayName, String status,
        @JsonProperty("current_layer") int currentLayer, @JsonProperty("igt_ms") long igtMs,
        @JsonProperty("death_count") int deathCount) {

    /** The ranked board as results: finishers come first in it, so their places follow its order. */
    public static List<AttemptResult> of(Leaderboard.Ranked board) {
        List<AttemptResult> results = new ArrayList<>();
        int place = 0;
        for (ParticipantView p : board.participants()) {
            Integer at = p.finished() ? ++place : null;
            results.add(new AttemptResult(at, p.id(), p.twitchUsername(), p.twitchDisplayName(), p.status(),
                    p.currentLayer(), p.igtMs(), p.deathCount()));
        }
        return List.copyOf(results);
    }
}
