package io.paddock.racing.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.json.Json;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/** Reads a race's full state for a spectator's {@code race_state}, and decides who may see the graph early. */
@Stateless
public class RaceStates {

    @PersistenceContext
    EntityManager em;

    @Inject
    RaceSnapshots snapshots;

    @Inject
    CallerResolver callers;

    @Inject
    Races races;

    /**
     * The parts of race_state; {@code graph} is null when the viewer may not see it yet. {@code board}
     * is complete: the hub hides finishers' names per viewer when {@code showFinishedNames} is off.
     */
    public record State(RaceInfo race, int totalLayers, JsonNode graph, Leaderboard.Ranked board,
            boolean showFinishedNames) {
    }

    /** Who a spectator is to a race: the public, an insider (participant), or its organizer (or an admin). */
    public enum Viewer {
        PUBLIC, INSIDER, ORGANIZER
    }

    public Optional<State> state(UUID raceId, boolean insider) {
        Race race = em.find(Race.class, raceId);
        if (race == null) {
            return Optional.empty();
        }
        boolean visible = insider || race.status() == RaceStatus.RUNNING || race.status() == RaceStatus.FINISHED;
        JsonNode graph = null;
        if (visible) {
            try {
                graph = Json.mapper().readTree(race.seed().graphJson());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(new State(RaceInfo.of(race), race.seed().totalLayers(), graph, snapshots.ranked(raceId),
                race.showFinishedNames()));
    }

    /** What this bearer credential (access token or API key) makes its holder to the race. */
    public Viewer viewer(UUID raceId, String credential) {
        return viewer(raceId, callers.bearer(credential));
    }

    /** What the browser session this cookie token names makes its holder to the race. */
    public Viewer sessionViewer(UUID raceId, String cookieToken) {
        return viewer(raceId, callers.session(cookieToken).map(CallerResolver.SessionCaller::caller));
    }

    private Viewer viewer(UUID raceId, Optional<Caller> caller) {
        if (caller.isEmpty()) {
            return Viewer.PUBLIC;
        }
        if (races.organizes(raceId, caller.get())) {
            return Viewer.ORGANIZER;
        }
        return races.insider(raceId, caller.get()) ? Viewer.INSIDER : Viewer.PUBLIC;
    }
}
