package io.paddock.racing.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceConflict;
import io.paddock.racing.entity.RaceStatus;
import io.paddock.racing.entity.ZoneEntry;
import io.paddock.racing.entity.ZoneVisit;

/**
 * What a mod's messages do. Each call is one transaction that commits before the socket acknowledges
 * or anything is broadcast (the hub observes after commit), so a finish is never lost.
 */
@Stateless
public class ModActions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RaceSnapshots snapshots;

    @Inject
    GraphIndex graphs;

    @Inject
    RaceTokens tokens;

    @Inject
    CallerResolver callers;

    public enum AuthFailure {
        UNKNOWN_RACE, BAD_TOKEN, ACCOUNT_SUSPENDED
    }

    /**
     * auth_ok's content, or why authentication failed. {@code leaderboard} is complete (the hub keeps
     * it); {@code hideFinishedNames} says whether the mod may see finishers' names.
     */
    public record Auth(AuthFailure failure, UUID participantId, RaceInfo race, int totalLayers,
            Leaderboard.Ranked leaderboard, boolean hideFinishedNames, UUID userId) {

        static Auth failed(AuthFailure failure) {
            return new Auth(failure, null, null, 0, null, false, null);
        }
    }

    public Auth authenticate(UUID raceId, String token) {
        Race race = raceId == null ? null : em.find(Race.class, raceId);
        if (race == null) {
            return Auth.failed(AuthFailure.UNKNOWN_RACE);
        }
        Optional<Participant> participant = tokens.participant(token);
        if (participant.isEmpty() || !participant.get().race().id().equals(raceId)) {
            return Auth.failed(AuthFailure.BAD_TOKEN);
        }
        UUID userId = participant.get().user().id();
        if (callers.suspended(userId)) {
            return Auth.failed(AuthFailure.ACCOUNT_SUSPENDED);
        }
        return new Auth(null, participant.get().id(), RaceInfo.of(race), race.seed().totalLayers(),
                snapshots.ranked(raceId), race.hidesFinishedNames(), userId);
    }

    public void ready(UUID participantId) {
        Participant p = participant(participantId);
        if (p.race().status().over()) {
            throw notRunning(p.race());
        }
        p.ready();
        snapshots.changed(p.race(), List.of(p), false);
    }

    /** A status report that {@link StatusReports} did not apply: stored here, or refused with its reason. */
    public void status(UUID participantId, long igt, String zone, Integer layer, Integer deaths) {
        Participant p = running(participantId);
        p.report(igt, zone, layer, deaths, clock.instant());
        snapshots.changed(p.race(), List.of(p), false);
    }

    /**
     * {@code to_zone} is a node id of the race's graph or a game zone id that a node lists in its
     * {@code zones}; anything else is refused and nothing is stored.
     */
    public void zone(UUID participantId, String toZone, long igt) {
        Participant p = running(participantId);
        GraphIndex.Graph graph = graphs.of(p.race().seed());
        String node = graph.node(toZone).orElseThrow(
                () -> unknownZone("to_zone is neither a node of this race's graph nor a zone one of its nodes lists."));
        enter(p, graph, node, igt);
    }

    /** An event flag stands for the node the graph's {@code event_map} gives it (or the flag itself). */
    public void flag(UUID participantId, String flagId, long igt) {
        Participant p = running(participantId);
        GraphIndex.Graph graph = graphs.of(p.race().seed());
        String node = graph.events().getOrDefault(flagId, flagId);
        if (!graph.has(node)) {
            throw unknownZone("flag_id names no node of this race's graph.");
        }
        enter(p, graph, node, igt);
    }

    /** The entity moves the player and hands back the history entry, stored as one new row. */
    private void enter(Participant p, GraphIndex.Graph graph, String node, long igt) {
        ZoneVisit visit = p.enterZone(node, igt, graph.layers().get(node), clock.instant());
        em.persist(new ZoneEntry(p.id(), p.zoneCount() - 1, visit));
        snapshots.entered(p.race(), p, visit);
    }

    private static InvalidRequestException unknownZone(String detail) {
        return new InvalidRequestException("unknown-zone", "Unknown zone", detail);
    }

    public void finished(UUID participantId, long igt) {
        if (participant(participantId).status() == io.paddock.racing.entity.ParticipantStatus.FINISHED) {
            throw new RaceConflict("already-finished", "Already finished", "This participant has already finished.");
        }
        Participant p = running(participantId);
        p.finish(igt, clock.instant());
        finishRaceIfDone(p.race(), List.of(p));
    }

    /** Abandons a participant (inactivity) and finishes the race when nobody is left racing. */
    public void abandon(Participant p) {
        p.abandon();
        finishRaceIfDone(p.race(), List.of(p));
    }

    private void finishRaceIfDone(Race race, List<Participant> changed) {
        em.flush();
        // Two last finishes committed at once would each see the other still racing: the race row's
        // lock makes the second wait for the first and then read its committed finish.
        em.lock(race, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        boolean done = Races.allDone(snapshots.participants(race.id()));
        if (done) {
            race.finish(clock.instant());
        }
        snapshots.changed(race, changed, done);
    }

    private Participant participant(UUID participantId) {
        Participant p = em.find(Participant.class, participantId);
        if (p == null) {
            throw new RaceConflict("participant-removed", "Participant removed",
                    "You are no longer a participant of this race.");
        }
        return p;
    }

    private Participant running(UUID participantId) {
        Participant p = participant(participantId);
        if (p.race().status() != RaceStatus.RUNNING) {
            throw notRunning(p.race());
        }
        return p;
    }

    private static RaceConflict notRunning(Race race) {
        return new RaceConflict("race-not-running", "Race not running",
                "Gameplay messages are accepted only while the race runs; it is " + race.status().wire() + ".");
    }
}
