package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.entity.ZoneVisit;

class LeaderboardTest {

    static ParticipantView p(String name, String status, int layer, Long entry, long igt, int color) {
        return new ParticipantView(UUID.randomUUID(), name, name, status, null, layer, igt, 0, color, false,
                entry == null ? List.of() : List.of(new ZoneVisit("n" + layer, entry, layer)), null, entry, 0);
    }

    @Test
    void ordersFinishedPlayingReadyRegisteredAbandoned() {
        Leaderboard.Ranked ranked = Leaderboard.rank(List.of(
                p("abandoned-high", "abandoned", 3, 30_000L, 40_000, 0),
                p("registered", "registered", 0, null, 0, 1),
                p("playing-2-late", "playing", 2, 25_000L, 26_000, 2),
                p("finished-slow", "finished", 4, 90_000L, 120_000, 3),
                p("ready", "ready", 0, null, 0, 4),
                p("playing-3", "playing", 3, 31_000L, 33_000, 5),
                p("playing-2-early", "playing", 2, 20_000L, 27_000, 6),
                p("finished-fast", "finished", 4, 80_000L, 100_000, 7),
                p("abandoned-low", "abandoned", 1, 5_000L, 6_000, 8)));
        assertEquals(List.of("finished-fast", "finished-slow", "playing-3", "playing-2-early", "playing-2-late", "ready",
                "registered", "abandoned-high", "abandoned-low"),
                ranked.participants().stream().map(ParticipantView::twitchUsername).toList());
        assertEquals(0L, ranked.participants().get(0).gapMs());
        assertEquals(20_000L, ranked.participants().get(1).gapMs());
        // LiveSplit gaps: distance to the leader's split at the same layer.
        assertEquals(1_000L, ranked.participants().get(2).gapMs(), "layer 3 split 30000 (abandoned-high was there first)");
        assertEquals(0L, ranked.participants().get(3).gapMs());
        assertEquals(5_000L, ranked.participants().get(4).gapMs());
        assertNull(ranked.participants().get(5).gapMs());
        assertEquals(20_000L, ranked.leaderSplits().get(2));
    }
}
