package io.paddock.racing.control;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;

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

    public Leaderboard.Ranked ranked(UUID raceId) {
        return Leaderboard.rank(participants(raceId).stream().map(ParticipantView::of).toList());
    }

    /**
     * Flushes (so a lost update fails here, inside the transaction) and fires the change; observers
     * with {@code AFTER_SUCCESS} see it only once it is committed.
     */
    public void changed(Race race, List<Participant> changed, boolean statusChanged) {
        em.flush();
        if (!statusChanged && changed.size() == 1) {
            // A single participant's progress (the hot path: mods report every second): the hub merges
            // it into the board it keeps, so the race's other participants are not read again.
            ParticipantView view = ParticipantView.of(changed.get(0));
            changes.fire(new RaceChanged(race.id(), RaceInfo.of(race), List.of(view),
                    new Leaderboard.Ranked(List.of(view), java.util.Map.of()), null, false));
            return;
        }
        Leaderboard.Ranked ranked = ranked(race.id());
        List<ParticipantView> views = changed.stream()
                .map(p -> ranked.participants().stream().filter(v -> v.id().equals(p.id())).findFirst()
                        .orElse(ParticipantView.of(p)))
                .toList();
        changes.fire(new RaceChanged(race.id(), RaceInfo.of(race), views, ranked,
                statusChanged ? race.status().wire() : null, true));
    }
}
