package io.paddock.racing.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.ZoneEntry;
import io.paddock.racing.entity.ZoneVisit;

/** Builds immutable views of a race inside the caller's transaction and announces changes after commit. */
@ApplicationScoped
public class RaceSnapshots {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<RaceChanged> changes;

    public List<Participant> participants(UUID raceId) {
        return em.createNamedQuery(Participant.OF_RACE, Participant.class).setParameter("raceId", raceId)
                .getResultList();
    }

    /** Every participant of the race with its whole zone history (one query for all histories). */
    public Leaderboard.Ranked ranked(UUID raceId) {
        List<Participant> all = participants(raceId);
        Map<UUID, List<ZoneVisit>> histories = new HashMap<>();
        if (!all.isEmpty()) {
            for (ZoneEntry z : em.createNamedQuery(ZoneEntry.OF_RACE, ZoneEntry.class).setParameter("raceId", raceId)
                    .getResultList()) {
                histories.computeIfAbsent(z.participantId(), k -> new ArrayList<>()).add(z.visit());
            }
        }
        return Leaderboard.rank(all.stream().map(p -> ParticipantView.of(p, history(p, histories))).toList());
    }

    private static List<ZoneVisit> history(Participant p, Map<UUID, List<ZoneVisit>> histories) {
        List<ZoneVisit> stored = histories.getOrDefault(p.id(), List.of());
        return stored.size() > p.zoneCount() ? List.copyOf(stored.subList(0, p.zoneCount())) : stored;
    }

    /** Removes the stored zone histories of these participants (a race reset). */
    public void forgetHistories(List<Participant> participants) {
        if (!participants.isEmpty()) {
            em.createNamedQuery(ZoneEntry.DELETE_OF).setParameter("participants",
                    participants.stream().map(Participant::id).toList()).executeUpdate();
        }
    }

    /**
     * Flushes (so a lost update fails here, inside the transaction) and fires the change; observers
     * with {@code AFTER_SUCCESS} see it only once it is committed.
     */
    public void changed(Race race, List<Participant> changed, boolean statusChanged) {
        if (!statusChanged && changed.size() == 1) {
            progressed(race, changed.get(0), null);
            return;
        }
        em.flush();
        Leaderboard.Ranked ranked = ranked(race.id());
        List<ParticipantView> views = changed.stream()
                .map(p -> ranked.participants().stream().filter(v -> v.id().equals(p.id())).findFirst()
                        .orElse(ParticipantView.of(p, List.of())))
                .toList();
        changes.fire(new RaceChanged(race.id(), RaceInfo.of(race), views, ranked,
                statusChanged ? race.status().wire() : null, true));
    }

    /** A participant entered a zone: its progress and the one history entry added. */
    public void entered(Race race, Participant p, ZoneVisit entry) {
        progressed(race, p, entry);
    }

    /**
     * A single participant's progress (the hot path: mods report every second): the hub merges it
     * into the board it keeps, so neither the race's other participants nor the stored history are
     * read again; the view carries only the history entry this change added.
     */
    private void progressed(Race race, Participant p, ZoneVisit entry) {
        em.flush();
        progressed(RaceInfo.of(race), ParticipantView.progress(p, entry));
    }

    /** A participant's progress stored without a JPA transaction ({@link StatusReports}), after commit. */
    void progressed(RaceInfo race, ParticipantView view) {
        changes.fire(new RaceChanged(race.id(), race, List.of(view), new Leaderboard.Ranked(List.of(view), Map.of()),
                null, false));
    }
}
