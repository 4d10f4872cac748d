package io.paddock.racing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.entity.ZoneVisit;

/** Broadcast frames built once per tick, and what decides that spectators need the full board. */
class RawFramesTest {

    @Test
    void textFramesUseTheRfc6455LengthForms() {
        for (int n : new int[] {0, 125, 126, 65_535, 65_536, 70_000}) {
            byte[] frame = RawFrames.textFrame("x".repeat(n));
            assertEquals((byte) 0x81, frame[0], "final text frame");
            int header;
            long length;
            if (n <= 125) {
                header = 2;
                length = frame[1];
            } else if (n <= 65_535) {
                header = 4;
                assertEquals(126, frame[1]);
                length = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            } else {
                header = 10;
                assertEquals(127, frame[1]);
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (frame[i] & 0xFF);
                }
            }
            assertEquals(n, length, "length of " + n);
            assertEquals(header + n, frame.length);
        }
        byte[] utf8 = RawFrames.textFrame("Zoë");
        assertEquals(4, utf8[1], "the length counts UTF-8 bytes");
        assertEquals("Zoë", new String(utf8, 2, 4, StandardCharsets.UTF_8));
    }

    static ParticipantView p(UUID id, String status, int layer, Long entry, long igt) {
        return new ParticipantView(id, "n", "n", status, "zone" + igt, layer, igt, 0, 0, true,
                entry == null ? List.of() : List.of(new ZoneVisit("n" + layer, entry, layer)), null, entry, igt);
    }

    @Test
    void onlyOrderStatusesAndSplitsChangeTheBoardsShape() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var before = RaceHub.BoardShape.of(Leaderboard.rank(List.of(p(a, "playing", 2, 5_000L, 9_000),
                p(b, "playing", 1, 3_000L, 9_500))));
        var igtOnly = RaceHub.BoardShape.of(Leaderboard.rank(List.of(p(a, "playing", 2, 5_000L, 12_000),
                p(b, "playing", 1, 3_000L, 12_500))));
        assertEquals(before, igtOnly, "IGT and zone travel in player updates");
        var overtaken = RaceHub.BoardShape.of(Leaderboard.rank(List.of(p(a, "playing", 2, 5_000L, 12_000),
                p(b, "playing", 3, 11_000L, 12_500))));
        assertNotEquals(before, overtaken, "new order and a new leader split");
        var finished = RaceHub.BoardShape.of(Leaderboard.rank(List.of(p(a, "finished", 2, 5_000L, 9_000),
                p(b, "playing", 1, 3_000L, 9_500))));
        assertNotEquals(before, finished, "a status changed");
    }

    @Test
    void playerUpdatesCarryTheGapOfTheMergedBoard() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ParticipantView leader = p(a, "playing", 2, 5_000L, 9_000);
        ParticipantView chaser = p(b, "playing", 2, 7_500L, 9_500);
        var ranked = Leaderboard.rank(List.of(leader, chaser));
        List<ParticipantView> sent = RaceHub.withGaps(List.of(chaser), ranked);
        assertEquals(2_500L, sent.get(0).gapMs());
    }
}
