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
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.control.RaceChanged;
import io.paddock.racing.control.RaceInfo;
import io.paddock.racing.control.RaceStates;

/**
 * The hub's two liveness rules, driven without a server: fake sessions, a hand-moved clock, and the
 * room's tick called directly.
 */
class RaceHubTest {

    static final UUID RACE = UUID.randomUUID();
    static final Leaderboard.Ranked EMPTY = new Leaderboard.Ranked(List.of(), Map.of());

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    RaceHub hub(int maxInFlight) {
        RaceHub hub = new RaceHub();
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
        hub.nanos = clock::get;
        return hub;
    }

    @Test
    void aModThatAnswersPingsStaysWhileASilentOneIsClosedAfterTwoAndAHalfIntervals() {
        RaceHub hub = hub(64);
        FakeSession answering = FakeSession.answering("answering");
        FakeSession silent = FakeSession.answering("silent");
        FakeSession unauthenticated = FakeSession.answering("unauthenticated");
        RaceHub.Peer answeringPeer = hub.modOpened(RACE, answering.session);
        RaceHub.Peer silentPeer = hub.modOpened(RACE, silent.session);
        hub.modOpened(RACE, unauthenticated.session);
        hub.modAuthenticated(RACE, answeringPeer, UUID.randomUUID(), EMPTY);
        hub.modAuthenticated(RACE, silentPeer, UUID.randomUUID(), EMPTY);
        // What ModEndpoint does on {"type":"pong"}: the answering mod replies to every ping it gets.
        answering.listener = text -> {
            if (type(text).equals("ping")) {
                hub.pong(answeringPeer);
            }
        };

        long interval = Duration.ofSeconds(30).toNanos();
        List<Integer> silentClosedAt = new ArrayList<>();
        for (int tick = 1; tick <= 10; tick++) {
            clock.addAndGet(interval);
            hub.pingMods();
            if (silent.closed != null && silentClosedAt.isEmpty()) {
                silentClosedAt.add(tick);
            }
        }

        assertEquals(10, answering.sentOfType("ping"), "a ping every interval");
        assertNull(answering.closed, "answering pong keeps the mod connected");
        // Last pong at auth (t=0): still within 75 s at t=30 and t=60, closed at t=90.
        assertEquals(List.of(3), silentClosedAt);
        assertEquals(2, silent.sentOfType("ping"));
        assertEquals(1001, silent.closeCode());
        assertEquals("no pong", silent.closed.getReasonPhrase());
        // Not yet authenticated: pinged, but its own 5 s auth timeout (not the pong rule) closes it.
        assertNull(unauthenticated.closed);
    }

    @Test
    void aSpectatorWhoseSendsNeverCompleteIsClosedWhileTheOtherGetsEveryBroadcast() {
        int maxInFlight = 4;
        RaceHub hub = hub(maxInFlight);
        FakeSession slow = FakeSession.stalled("slow");
        FakeSession fast = FakeSession.answering("fast");
        hub.spectatorOpened(RACE, slow.session);
        hub.spectatorOpened(RACE, fast.session);
        RaceHub.Room room = hub.room(RACE);
        UUID player = UUID.randomUUID();
        RaceInfo race = new RaceInfo(RACE, "Race", "running", null, null, null);

        int updates = 60;
        for (int i = 1; i <= updates; i++) {
            ParticipantView view = new ParticipantView(player, "alice", "Alice", "playing", "zone", 1, i * 1000L, 0, 0,
                    false, List.of(), null, null, i);
            room.offer(new RaceChanged(RACE, race, List.of(view), new Leaderboard.Ranked(List.of(view), Map.of()),
                    null, false));
            long before = System.nanoTime();
            room.flush();
            assertTrue(System.nanoTime() - before < Duration.ofSeconds(1).toNanos(), "a tick never waits for a client");
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
        FakeSession racerMod = FakeSession.answering("mod");
        hub.spectatorOpened(RACE, publicSpectator.session);
        hub.spectatorOpened(RACE, organizerSpectator.session).organizer = true;
        hub.modAuthenticated(RACE, hub.modOpened(RACE, racerMod.session), UUID.randomUUID(), EMPTY);
        RaceHub.Room room = hub.room(RACE);
        room.showFinishedNames = false;
        room.status = "running";

        UUID winner = UUID.randomUUID();
        UUID chaser = UUID.randomUUID();
        ParticipantView finished = new ParticipantView(winner, "alice", "Alice", "finished", "end", 4, 90_000, 0, 0,
                true, List.of(), null, null, 5);
        ParticipantView playing = new ParticipantView(chaser, "bob", "Bob", "playing", "cave", 3, 80_000, 1, 1,
                true, List.of(), null, 70_000L, 5);
        RaceInfo running = new RaceInfo(RACE, "Race", "running", null, null, null);
        room.offer(new RaceChanged(RACE, running, List.of(finished),
                new Leaderboard.Ranked(List.of(finished, playing), Map.of()), null, true));
        room.flush();

        JsonNode hidden = last(publicSpectator, "player_updates").path("players").get(0);
        assertEquals(winner.toString(), hidden.path("id").asText());
        assertTrue(hidden.path("twitch_username").isNull() && hidden.path("twitch_display_name").isNull(), hidden.toString());
        assertEquals(90_000, hidden.path("igt_ms").asLong(), "the finish itself is not hidden");
        assertEquals("alice", last(organizerSpectator, "player_updates").path("players").get(0)
                .path("twitch_username").asText());
        JsonNode modBoard = last(racerMod, "leaderboard_update");
        assertTrue(modBoard.path("participants").get(0).path("twitch_username").isNull(), "racers do not learn who");
        assertEquals("bob", modBoard.path("participants").get(1).path("twitch_username").asText(), "only finishers");
        JsonNode organizerBoard = last(organizerSpectator, "leaderboard_update");
        assertEquals("alice", organizerBoard.path("participants").get(0).path("twitch_username").asText());
        assertEquals(modBoard.path("version").asLong(), organizerBoard.path("version").asLong(), "one board, one version");
        assertEquals(modBoard.path("version").asLong(), last(publicSpectator, "leaderboard_update").path("version").asLong());

        // Once the race is over, everybody sees every name.
        ParticipantView done = new ParticipantView(chaser, "bob", "Bob", "finished", "end", 4, 95_000, 1, 1, true,
                List.of(), null, null, 6);
        room.offer(new RaceChanged(RACE, new RaceInfo(RACE, "Race", "finished", null, null, null), List.of(done),
                new Leaderboard.Ranked(List.of(finished, done), Map.of()), "finished", true));
        room.flush();
        assertEquals("alice", last(publicSpectator, "leaderboard_update").path("participants").get(0)
                .path("twitch_username").asText());
        assertEquals("alice", last(racerMod, "leaderboard_update").path("participants").get(0)
                .path("twitch_username").asText());
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
