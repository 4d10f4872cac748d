package io.paddock.racing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.racing.entity.RaceStatus;
import io.paddock.racing.entity.ZoneVisit;

/** What a race room merges and when it owes spectators the full board; who sees finishers' names. */
class RaceRoomTest {

    static ParticipantView p(UUID id, String status, int layer, Long entry, long igt) {
        return new ParticipantView(id, "n", "n", status, "zone" + igt, layer, igt, 0, 0, true,
                entry == null ? List.of() : List.of(new ZoneVisit("n" + layer, entry, layer)), null, entry, igt);
    }

    @Test
    void onlyOrderStatusesAndSplitsChangeTheBoardsShape() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var before = RaceRoom.BoardShape.of(Leaderboard.rank(List.of(p(a, "playing", 2, 5_000L, 9_000),
                p(b, "playing", 1, 3_000L, 9_500))));
        var igtOnly = RaceRoom.BoardShape.of(Leaderboard.rank(List.of(p(a, "playing", 2, 5_000L, 12_000),
                p(b, "playing", 1, 3_000L, 12_500))));
        assertEquals(before, igtOnly, "IGT and zone travel in player updates");
        var overtaken = RaceRoom.BoardShape.of(Leaderboard.rank(List.of(p(a, "playing", 2, 5_000L, 12_000),
                p(b, "playing", 3, 11_000L, 12_500))));
        assertNotEquals(before, overtaken, "new order and a new leader split");
        var finished = RaceRoom.BoardShape.of(Leaderboard.rank(List.of(p(a, "finished", 2, 5_000L, 9_000),
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
        List<ParticipantView> sent = RaceRoom.withGaps(List.of(chaser), ranked);
        assertEquals(2_500L, sent.get(0).gapMs());
    }

    @Test
    void aStaleSnapshotNeverReplacesANewerViewAndOneTickCarriesTheLatestPerParticipant() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        RaceInfo race = new RaceInfo(UUID.randomUUID(), "Race", "running", null, null, null);
        ParticipantView v2 = p(a, "playing", 1, 1_000L, 2_000).withGap(null);
        ParticipantView v3 = p(a, "playing", 1, 1_000L, 3_000);
        ParticipantView stale = p(a, "playing", 1, 1_000L, 1_500);
        for (ParticipantView v : List.of(v2, v3, stale)) {
            room.offer(new RaceChanged(race.id(), race, List.of(v), new Leaderboard.Ranked(List.of(v), Map.of()), null,
                    false));
        }
        RaceRoom.Tick tick = room.flush(0, 0);
        assertEquals(1, tick.changed().size());
        assertEquals(3_000, tick.changed().get(0).igtMs(), "the highest version wins, once");
        assertTrue(tick.updatesVersion() > 0);
        assertTrue(room.flush(1, 0).changed().isEmpty(), "nothing new, nothing sent");
    }

    static RaceChanged progress(RaceInfo race, ParticipantView view) {
        return new RaceChanged(race.id(), race, List.of(view), new Leaderboard.Ranked(List.of(view), Map.of()), null,
                false);
    }

    /** A participant's view after one message: no history, only the entry it added (or none). */
    static ParticipantView progress(UUID id, long version, int count, ZoneVisit entered) {
        return new ParticipantView(id, "n", "n", "playing", entered == null ? "z" : entered.nodeId(), 1, version * 1_000,
                0, 0, true, null, null, null, version, count, entered);
    }

    @Test
    void playerUpdatesCarryOnlyTheZoneEntriesAddedSinceTheLastTick() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        RaceInfo race = new RaceInfo(UUID.randomUUID(), "Race", "running", null, null, null);
        ZoneVisit start = new ZoneVisit("start", 0, 0);
        ZoneVisit first = new ZoneVisit("a", 5_000, 1);
        ZoneVisit second = new ZoneVisit("b", 8_000, 2);
        ZoneVisit third = new ZoneVisit("c", 9_000, 3);
        // The room starts from a read board: race_state has that history, nobody is owed it.
        room.seed(new FinisherNames(true, RaceStatus.RUNNING), new Leaderboard.Ranked(List.of(
                new ParticipantView(a, "n", "n", "playing", "start", 0, 0, 0, 0, true, List.of(start), null, null, 1)),
                Map.of()));

        room.offer(progress(race, progress(a, 2, 2, first)));
        RaceRoom.Tick tick = room.flush(0, 0);
        assertEquals(new RaceRoom.HistoryChange(1, List.of(first)), tick.histories().get(a));
        assertEquals(List.of(start, first), tick.changed().get(0).zoneHistory(), "the room completes the history");

        room.offer(progress(race, progress(a, 3, 2, null)));
        tick = room.flush(1, 0);
        assertEquals(1, tick.changed().size());
        assertEquals(null, tick.histories().get(a), "a status message adds no history");

        room.offer(progress(race, progress(a, 4, 3, second)));
        room.offer(progress(race, progress(a, 5, 4, third)));
        tick = room.flush(2, 0);
        assertEquals(new RaceRoom.HistoryChange(2, List.of(second, third)), tick.histories().get(a),
                "two entries within one tick");

        // A reset: a read board with an empty history tells clients to drop theirs.
        ParticipantView reset = new ParticipantView(a, "n", "n", "registered", null, 0, 0, 0, 0, true, List.of(), null,
                null, 6);
        room.offer(new RaceChanged(race.id(), race, List.of(reset), new Leaderboard.Ranked(List.of(reset), Map.of()),
                "open", true));
        tick = room.flush(3, 0);
        assertEquals(new RaceRoom.HistoryChange(0, List.of()), tick.histories().get(a));
    }

    @Test
    void aStaleProgressViewChangesNoHistory() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        RaceInfo race = new RaceInfo(UUID.randomUUID(), "Race", "running", null, null, null);
        ZoneVisit first = new ZoneVisit("a", 5_000, 1);
        room.offer(progress(race, progress(a, 2, 1, first)));
        room.flush(0, 0);
        room.offer(progress(race, progress(a, 1, 0, null)));
        RaceRoom.Tick tick = room.flush(1, 0);
        assertTrue(tick.changed().isEmpty(), "an older version is ignored");
        assertTrue(tick.histories().isEmpty());
    }

    @Test
    void aRaceStartOwesSpectatorsARaceStateThatPrecedesTheTicksUpdatesInVersion() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        ParticipantView v = p(a, "playing", 1, 1_000L, 2_000);
        RaceInfo running = new RaceInfo(UUID.randomUUID(), "Race", "running", null, null, null);
        room.offer(new RaceChanged(running.id(), running, List.of(v), new Leaderboard.Ranked(List.of(v), Map.of()),
                "running", true));
        RaceRoom.Tick tick = room.flush(0, 0);
        assertTrue(tick.resendState());
        assertEquals(List.of(running), tick.statuses());
        assertTrue(tick.stateVersion() < tick.updatesVersion(), "clients keep the updates sent after race_state");
        assertTrue(tick.updatesVersion() < tick.boardVersion());
        assertTrue(tick.boardToSpectators(), "a status change forces the board");
        assertFalse(room.flush(1, 0).resendState());
    }

    @Test
    void finisherNamesAreHiddenFromAllButTheOrganizerUntilTheRaceIsFinished() {
        UUID a = UUID.randomUUID();
        ParticipantView winner = new ParticipantView(a, "alice", "Alice", "finished", "end", 4, 90_000, 0, 0, true,
                List.of(), 0L, null, 1);
        ParticipantView racing = p(UUID.randomUUID(), "playing", 2, 5_000L, 9_000);
        FinisherNames running = new FinisherNames(false, RaceStatus.RUNNING);
        assertTrue(running.hiddenFrom(RaceStates.Viewer.PUBLIC));
        assertTrue(running.hiddenFrom(RaceStates.Viewer.INSIDER));
        assertFalse(running.hiddenFrom(RaceStates.Viewer.ORGANIZER));
        assertTrue(running.splitsAudiences(List.of(racing, winner)));
        assertFalse(running.splitsAudiences(List.of(racing)), "nobody finished: one text for everybody");
        assertEquals(null, running.shownTo(RaceStates.Viewer.PUBLIC, List.of(winner)).get(0).twitchUsername());
        assertEquals("alice", running.shownTo(RaceStates.Viewer.ORGANIZER, List.of(winner)).get(0).twitchUsername());
        assertFalse(new FinisherNames(false, RaceStatus.FINISHED).hidden(), "over: every name shows");
        assertFalse(new FinisherNames(true, RaceStatus.RUNNING).splitsAudiences(List.of(winner)));
    }

    @Test
    void modsConnectedOnOtherNodesCountAsConnectedAndAnnounceTheParticipant() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        room.seed(new FinisherNames(true, RaceStatus.RUNNING), Leaderboard.rank(List.of(p(a, "playing", 1, 1_000L, 2_000))));
        room.flush(0, 0);
        assertFalse(room.live(p(a, "playing", 1, 1_000L, 2_000)).modConnected());

        room.connectedElsewhere(Map.of(a, 1));
        assertTrue(room.live(p(a, "playing", 1, 1_000L, 2_000)).modConnected());
        RaceRoom.Tick tick = room.flush(1, 0);
        assertEquals(1, tick.changed().size());
        assertTrue(tick.changed().get(0).modConnected());

        room.connectedElsewhere(Map.of());
        assertFalse(room.flush(2, 0).changed().get(0).modConnected());
    }

    @Test
    void spectatorCountsGoOutAtMostOncePerBoardIntervalAndNoneIsLost() {
        RaceRoom room = new RaceRoom();
        room.spectatorsChanged();
        assertTrue(room.flush(1_000, 500).countChanged(), "the first count goes out at once");
        room.spectatorsChanged();
        assertFalse(room.flush(1_100, 500).countChanged(), "arrivals inside the interval wait");
        assertFalse(room.flush(1_400, 500).countChanged());
        assertTrue(room.flush(1_500, 500).countChanged(), "the interval over, the waiting count goes out");
        assertFalse(room.flush(2_100, 500).countChanged(), "nothing changed since: no count");
    }

    @Test
    void aRoomTakenOverContinuesAboveTheVersionTheClusterShowedAndSendsTheBoard() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        var stored = Leaderboard.rank(List.of(p(a, "playing", 1, 1_000L, 2_000)));
        room.takeOver(stored, 41, null);
        RaceRoom.Tick tick = room.flush(0, 0);
        assertTrue(tick.boardToMods());
        assertTrue(tick.boardVersion() > 41, "versions never go back: " + tick.boardVersion());
        assertTrue(tick.countChanged());
        assertTrue(tick.resendState(), "spectators get a fresh race_state");
        assertTrue(tick.statuses().isEmpty(), "the status the cluster published is not told again");
    }

    @Test
    void aRoomTakenOverTellsTheStatusThatChangedWhileNoNodeLed() {
        RaceRoom room = new RaceRoom();
        UUID a = UUID.randomUUID();
        // A non-leading node merged the race's finish and dropped its tick (its leader had just died).
        room.offer(new RaceChanged(UUID.randomUUID(), race("finished"), List.of(), Leaderboard.rank(List.of()),
                "finished", false));
        room.flush(0, 0);
        room.takeOver(Leaderboard.rank(List.of(p(a, "finished", 1, 1_000L, 2_000))), 41, race("finished"));
        RaceRoom.Tick tick = room.flush(1, 0);
        assertEquals(List.of("finished"), tick.statuses().stream().map(RaceInfo::status).toList());
        assertTrue(tick.resendState());
        assertTrue(tick.stateVersion() >= 41, "versions never go back: " + tick.stateVersion());
    }

    private static RaceInfo race(String status) {
        return new RaceInfo(UUID.randomUUID(), "Race", status, null, null, null);
    }
}
