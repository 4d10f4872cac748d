package io.paddock.racing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.FakeSession;
import io.paddock.platform.websocket.LocalBroadcasts;
import io.paddock.platform.websocket.Subscriber;
import io.paddock.racing.control.FinisherNames;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.control.RaceChanged;
import io.paddock.racing.control.RaceInfo;
import io.paddock.racing.control.RaceStates;
import io.paddock.racing.entity.RaceStatus;

/**
 * Racing on the hub, driven without a server: fake sessions, and the racing tick and the hub's flush
 * called directly.
 */
class RaceHubTest {

    static final UUID RACE = UUID.randomUUID();
    static final Leaderboard.Ranked EMPTY = new Leaderboard.Ranked(List.of(), Map.of());

    final ChannelHub channels = new ChannelHub();

    RaceHub hub(int maxInFlight) {
        RaceHub hub = new RaceHub();
        hub.hub = channels;
        hub.broadcasts = new LocalBroadcasts(channels);
        hub.states = new RaceStates() {
            @Override
            public Optional<State> state(UUID raceId, boolean insider) {
                return Optional.empty();
            }
        };
        hub.tick = Duration.ofMillis(100);
        hub.leaderboardInterval = Duration.ofHours(1);
        hub.pingInterval = Duration.ofSeconds(30);
        hub.maxInFlight = maxInFlight;
        return hub;
    }

    void tick(RaceHub hub) {
        hub.flushRooms();
        channels.flush();
    }

    /** A spectator that got its race_state (as the endpoint's open does), so broadcasts reach it. */
    Subscriber watch(RaceHub hub, FakeSession session) {
        Subscriber spectator = hub.spectatorOpened(RACE, session.session);
        channels.release(spectator, "{\"type\":\"race_state\"}");
        return spectator;
    }

    @Test
    void raceStateIsASpectatorsFirstFrameEvenWhenATickGoesOutWhileItIsRead() {
        RaceHub hub = hub(64);
        RaceInfo race = new RaceInfo(RACE, "Race", "running", null, null, null);
        FakeSession watcher = FakeSession.raw("watcher");
        hub.spectatorOpened(RACE, FakeSession.answering("earlier").session);
        hub.states = new RaceStates() {
            @Override
            public Optional<State> state(UUID raceId, boolean insider) {
                // While this spectator's state is read, a tick sends the new spectator count.
                tick(hub);
                return Optional.of(new State(race, 4, null, EMPTY, true));
            }
        };
        Subscriber spectator = hub.spectatorOpened(RACE, watcher.session);
        assertTrue(hub.sendState(RACE, spectator, RaceStates.Viewer.PUBLIC));
        List<String> types = watcher.sent().stream().map(RaceHubTest::type).toList();
        assertEquals(List.of("race_state", "spectator_count"), types, "held back until race_state went out");
        tick(hub);
        assertEquals(2, watcher.sent().size(), "nothing is sent twice");
    }

    @Test
    void playerUpdatesCarryOnlyWhatChangedAfterTheFirstAndChainTheirVersions() {
        RaceHub hub = hub(64);
        FakeSession watcher = FakeSession.answering("watcher");
        watch(hub, watcher);
        RaceHub.Room room = hub.join(RACE);
        RaceInfo race = new RaceInfo(RACE, "Race", "running", null, null, null);
        UUID player = UUID.randomUUID();
        ParticipantView first = new ParticipantView(player, "alice", "Alice", "playing", "chapel", 1, 1_000, 0, 0,
                false, List.of(), null, 500L, 1);
        ParticipantView second = new ParticipantView(player, "alice", "Alice", "playing", "stormveil", 1, 2_000, 0, 0,
                false, List.of(), null, 500L, 2);
        ParticipantView died = new ParticipantView(player, "alice", "Alice", "playing", "stormveil", 1, 3_000, 1, 0,
                false, List.of(), null, 500L, 3);
        for (ParticipantView view : List.of(first, second, died)) {
            room.state.offer(new RaceChanged(RACE, race, List.of(view), new Leaderboard.Ranked(List.of(view), Map.of()),
                    null, false));
            tick(hub);
        }
        List<JsonNode> updates = watcher.sent().stream().map(RaceHubTest::json)
                .filter(m -> m.path("type").asText().equals("player_updates")).toList();
        assertEquals(3, updates.size());
        JsonNode whole = updates.get(0).path("players").get(0);
        assertEquals("alice", whole.path("twitch_username").asText(), "the first update after joining is whole");
        assertEquals(500, whole.path("layer_entry_igt").asLong());
        JsonNode moved = updates.get(1).path("players").get(0);
        assertEquals(List.of("id", "current_zone", "igt_ms"), fieldNames(moved), moved.toString());
        assertEquals("stormveil", moved.path("current_zone").asText());
        assertEquals(List.of("id", "igt_ms", "death_count"), fieldNames(updates.get(2).path("players").get(0)));
        // Each names the frame before it that brought participants (a board on its interval may come between).
        long previous = -1;
        for (JsonNode frame : watcher.sent().stream().map(RaceHubTest::json).toList()) {
            String type = frame.path("type").asText();
            if (type.equals("player_updates") && previous >= 0) {
                assertEquals(previous, frame.path("previous_version").asLong(), "each frame names the one before it");
            }
            if (type.equals("player_updates") || type.equals("leaderboard_update")) {
                previous = frame.path("version").asLong();
            }
        }

        // A spectator who joins now starts from a race_state read: the next update is whole again.
        watch(hub, FakeSession.answering("late"));
        ParticipantView later = new ParticipantView(player, "alice", "Alice", "playing", "stormveil", 1, 4_000, 1, 0,
                false, List.of(), null, 500L, 4);
        room.state.offer(new RaceChanged(RACE, race, List.of(later), new Leaderboard.Ranked(List.of(later), Map.of()),
                null, false));
        tick(hub);
        assertEquals("alice", last(watcher, "player_updates").path("players").get(0).path("twitch_username").asText());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void publicArrivalsShareOneReadOfTheRaceUntilItChanges() {
        RaceHub hub = hub(64);
        long[] now = {0};
        hub.nanos = () -> now[0];
        RaceInfo running = new RaceInfo(RACE, "Race", "running", null, null, null);
        List<Boolean> reads = new ArrayList<>();
        hub.states = new RaceStates() {
            @Override
            public Optional<State> state(UUID raceId, boolean insider) {
                reads.add(insider);
                return Optional.of(new State(running, 4, null, EMPTY, true));
            }
        };
        hub.join(RACE, false); // the room's own first read
        reads.clear();
        for (String name : List.of("a", "b", "c")) {
            assertTrue(hub.sendState(RACE, hub.spectatorOpened(RACE, FakeSession.answering(name).session),
                    RaceStates.Viewer.PUBLIC));
        }
        assertEquals(List.of(false), reads, "three public arrivals, one read");
        assertTrue(hub.sendState(RACE, hub.spectatorOpened(RACE, FakeSession.answering("insider").session),
                RaceStates.Viewer.INSIDER));
        assertEquals(List.of(false, true), reads, "an insider's state is its own read");

        hub.rooms.get(RACE).state.offer(new RaceChanged(RACE, new RaceInfo(RACE, "Race", "finished", null, null, null),
                List.of(), EMPTY, "finished", true));
        tick(hub);
        FakeSession late = FakeSession.answering("late");
        assertTrue(hub.sendState(RACE, hub.spectatorOpened(RACE, late.session), RaceStates.Viewer.PUBLIC));
        assertEquals(List.of(false, true, false), reads, "after the race changed, the next arrival reads it anew");
        now[0] += RaceHub.PUBLIC_STATE_NANOS;
        assertTrue(hub.sendState(RACE, hub.spectatorOpened(RACE, FakeSession.answering("later").session),
                RaceStates.Viewer.PUBLIC));
        assertEquals(List.of(false, true, false, false), reads, "a read serves for a moment only");
    }

    @Test
    void concurrentPublicArrivalsWaitForOneReadInsteadOfEachReading() throws Exception {
        RaceHub hub = hub(64);
        RaceInfo running = new RaceInfo(RACE, "Race", "running", null, null, null);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        hub.states = new RaceStates() {
            @Override
            public Optional<State> state(UUID raceId, boolean insider) {
                if (reads.incrementAndGet() == 1) {
                    reading.countDown();
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Optional.of(new State(running, 4, null, EMPTY, true));
            }
        };
        hub.join(RACE, false);
        hub.rooms.get(RACE).publicState = null;
        reads.set(0);
        List<Thread> arrivals = new ArrayList<>();
        List<Boolean> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            FakeSession session = FakeSession.answering("s" + i);
            Thread arrival = new Thread(() -> sent.add(hub.sendState(RACE,
                    hub.spectatorOpened(RACE, session.session), RaceStates.Viewer.PUBLIC)));
            arrival.start();
            arrivals.add(arrival);
        }
        assertTrue(reading.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(100); // the other arrivals reach the read in progress
        release.countDown();
        for (Thread t : arrivals) {
            t.join(10_000);
        }
        assertEquals(java.util.Collections.nCopies(8, true), sent);
        assertEquals(1, reads.get(), "eight arrivals at once, one read");
    }

    @Test
    void aSpectatorWhoseSendsNeverCompleteIsClosedWhileTheOtherGetsEveryBroadcast() {
        int maxInFlight = 4;
        RaceHub hub = hub(maxInFlight);
        FakeSession slow = FakeSession.stalled("slow");
        FakeSession fast = FakeSession.answering("fast");
        watch(hub, slow);
        watch(hub, fast);
        RaceHub.Room room = hub.join(RACE);
        UUID player = UUID.randomUUID();
        RaceInfo race = new RaceInfo(RACE, "Race", "running", null, null, null);

        int updates = 60;
        for (int i = 1; i <= updates; i++) {
            ParticipantView view = new ParticipantView(player, "alice", "Alice", "playing", "zone", 1, i * 1000L, 0, 0,
                    false, List.of(), null, null, i);
            room.state.offer(new RaceChanged(RACE, race, List.of(view), new Leaderboard.Ranked(List.of(view), Map.of()),
                    null, false));
            tick(hub);
        }

        List<Long> igts = new ArrayList<>();
        fast.sent().stream().map(RaceHubTest::json).filter(m -> m.path("type").asText().equals("player_updates"))
                .forEach(m -> m.path("players").forEach(p -> igts.add(p.path("igt_ms").asLong())));
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= updates; i++) {
            expected.add(i * 1000L);
        }
        assertEquals(expected, igts, "the other spectator receives every broadcast, in order");
        assertNull(fast.closed);

        assertEquals(1008, slow.closeCode());
        assertEquals("too slow", slow.closed.getReasonPhrase());
        assertEquals(maxInFlight, slow.sent().size(), "no more than max-sends-in-flight are ever queued for it");
    }

    @Test
    void withShowFinishedNamesOffOnlyOrganizersSeeWhoFinishedUntilTheRaceIsOver() {
        RaceHub hub = hub(64);
        hub.leaderboardInterval = Duration.ZERO;
        FakeSession publicSpectator = FakeSession.answering("public");
        FakeSession organizerSpectator = FakeSession.answering("organizer");
        FakeSession perPlayerPublic = FakeSession.answering("per-player", Map.of("frames", List.of("player_update")));
        FakeSession racerMod = FakeSession.answering("mod");
        watch(hub, publicSpectator);
        watch(hub, organizerSpectator).audience(RaceStates.Viewer.ORGANIZER.name());
        watch(hub, perPlayerPublic);
        hub.modAuthenticated(RACE, hub.modOpened(racerMod.session), UUID.randomUUID(), EMPTY);
        RaceHub.Room room = hub.join(RACE);
        room.state.seed(new FinisherNames(false, RaceStatus.RUNNING), EMPTY);

        UUID winner = UUID.randomUUID();
        UUID chaser = UUID.randomUUID();
        ParticipantView finished = new ParticipantView(winner, "alice", "Alice", "finished", "end", 4, 90_000, 0, 0,
                true, List.of(), null, null, 5);
        ParticipantView playing = new ParticipantView(chaser, "bob", "Bob", "playing", "cave", 3, 80_000, 1, 1,
                true, List.of(), null, 70_000L, 5);
        RaceInfo running = new RaceInfo(RACE, "Race", "running", null, null, null);
        room.state.offer(new RaceChanged(RACE, running, List.of(finished),
                new Leaderboard.Ranked(List.of(finished, playing), Map.of()), null, true));
        tick(hub);

        JsonNode hidden = last(publicSpectator, "player_updates").path("players").get(0);
        assertEquals(winner.toString(), hidden.path("id").asText());
        assertTrue(hidden.path("twitch_username").isNull() && hidden.path("twitch_display_name").isNull(), hidden.toString());
        assertEquals(90_000, hidden.path("igt_ms").asLong(), "the finish itself is not hidden");
        assertTrue(last(perPlayerPublic, "player_update").path("player").path("twitch_username").isNull());
        assertEquals(0, perPlayerPublic.sentOfType("player_updates"), "per-player frames instead of the batch");
        assertEquals("alice", last(organizerSpectator, "player_updates").path("players").get(0)
                .path("twitch_username").asText());
        JsonNode modBoard = last(racerMod, "leaderboard_update");
        assertTrue(modBoard.path("participants").get(0).path("twitch_username").isNull(), "racers do not learn who");
        assertEquals("bob", modBoard.path("participants").get(1).path("twitch_username").asText(), "only finishers");
        assertEquals(0, racerMod.sentOfType("player_updates"), "mods get the board, not player updates");
        JsonNode organizerBoard = last(organizerSpectator, "leaderboard_update");
        assertEquals("alice", organizerBoard.path("participants").get(0).path("twitch_username").asText());
        assertEquals(modBoard.path("version").asLong(), organizerBoard.path("version").asLong(), "one board, one version");
        assertEquals(modBoard.path("version").asLong(), last(publicSpectator, "leaderboard_update").path("version").asLong());
        assertTrue(last(publicSpectator, "player_updates").path("version").asLong() < modBoard.path("version").asLong());

        // Once the race is over, everybody sees every name.
        ParticipantView done = new ParticipantView(chaser, "bob", "Bob", "finished", "end", 4, 95_000, 1, 1, true,
                List.of(), null, null, 6);
        room.state.offer(new RaceChanged(RACE, new RaceInfo(RACE, "Race", "finished", null, null, null), List.of(done),
                new Leaderboard.Ranked(List.of(finished, done), Map.of()), "finished", true));
        tick(hub);
        assertEquals("finished", last(publicSpectator, "race_status_change").path("status").asText());
        assertEquals("finished", last(racerMod, "race_status_change").path("status").asText());
        assertEquals("alice", last(publicSpectator, "leaderboard_update").path("participants").get(0)
                .path("twitch_username").asText());
        assertEquals("alice", last(racerMod, "leaderboard_update").path("participants").get(0)
                .path("twitch_username").asText());
    }

    @Test
    void spectatorCountsGoToEverySpectatorOncePerTick() {
        RaceHub hub = hub(64);
        FakeSession first = FakeSession.answering("first");
        FakeSession perPlayer = FakeSession.answering("per-player", Map.of("frames", List.of("player_update")));
        FakeSession mod = FakeSession.answering("mod");
        hub.modAuthenticated(RACE, hub.modOpened(mod.session), UUID.randomUUID(), EMPTY);
        watch(hub, first);
        watch(hub, perPlayer);
        watch(hub, FakeSession.answering("third"));
        tick(hub);
        assertEquals(1, first.sentOfType("spectator_count"), "three arrivals, one count");
        assertEquals(3, last(first, "spectator_count").path("count").asInt());
        assertEquals(3, last(perPlayer, "spectator_count").path("count").asInt());
        assertEquals(0, mod.sentOfType("spectator_count"), "mods are not told");
    }

    static JsonNode last(FakeSession session, String type) {
        List<String> sent = session.sent();
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (type(sent.get(i)).equals(type)) {
                return json(sent.get(i));
            }
        }
        throw new AssertionError("No " + type + " in " + sent);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String type(String text) {
        return json(text).path("type").asText();
    }
}
