package io.paddock.racing.control;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.Caller;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/**
 * Staff actions on races (admin and up): cancel, delete a draft, reset, remove a participant, scan the
 * seed pools. Each writes one audit row in the action's transaction; live spectators and mods learn of
 * the change after commit (the {@link RaceChanged} and {@link ModTokenRevoked} events), as they do of an
 * organizer's.
 */
@Stateless
public class RaceAdministration {

    @PersistenceContext
    EntityManager em;

    @Inject
    Races races;

    @Inject
    RaceSnapshots snapshots;

    @Inject
    SeedPoolScanner scanner;

    @Inject
    AuditTrail audit;

    @Inject
    Event<ModTokenRevoked> revoked;

    /** Calls a race off from any state but finished; spectators and mods see it cancelled. */
    public Race cancel(Caller actor, UUID raceId, Justification why) {
        Race race = races.find(raceId);
        String before = race.status().wire();
        race.cancel();
        snapshots.changed(race, List.of(), true);
        record(actor, "racing.race.cancel", race, "status=" + before, "status=" + race.status().wire(), why);
        return race;
    }

    /** Deletes a draft with its participants and invites; its seed is discarded, its mods' sockets closed. */
    public void delete(Caller actor, UUID raceId, Justification why) {
        Race race = races.find(raceId);
        race.requireDeletable();
        List<Participant> participants = races.participants(raceId);
        record(actor, "racing.race.delete", race, "status=draft, name=" + race.name() + ", participants="
                + participants.size(), "deleted", why);
        race.seed().discard();
        em.lock(race, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        participants.forEach(em::remove);
        races.invites(raceId).forEach(em::remove);
        em.remove(race);
        em.flush();
        participants.forEach(p -> revoked.fire(new ModTokenRevoked(raceId, p.id())));
    }

    /**
     * Back to {@code open} (from countdown, running or finished: a started race keeps its results as an
     * attempt) or, from open, back to {@code draft}.
     */
    public Race reset(Caller actor, UUID raceId, RaceStatus target, Justification why) {
        Race race = races.find(raceId);
        String before = race.status().wire();
        if (target == RaceStatus.DRAFT) {
            race.backToDraft();
            snapshots.changed(race, List.of(), true);
        } else {
            race = races.reset(actor, raceId, null);
        }
        record(actor, "racing.race.reset", race, "status=" + before, "status=" + race.status().wire(), why);
        return race;
    }

    /** Removes a participant (while the race is draft or open); their mod token and sockets stop working. */
    public void removeParticipant(Caller actor, UUID raceId, UUID participantId, Justification why) {
        Race race = races.find(raceId);
        String who = races.participants(raceId).stream().filter(p -> p.id().equals(participantId))
                .map(Participant::twitchUsername).findFirst().orElse(String.valueOf(participantId));
        races.removeParticipant(actor, raceId, participantId);
        audit.record(actorOf(actor), AuditTrail.Action.of("racing.participant.remove", "participant", participantId)
                .change("race=" + race.id() + ", participant=" + who, "removed"), why);
    }

    /** Scans the seed pools now, recorded with the counts it found. */
    public SeedPool.ScanReport scanPools(Caller actor, Justification why) {
        SeedPool.ScanReport report = scanner.scanNow();
        audit.record(actorOf(actor), AuditTrail.Action.of("racing.pools.scan", "seed-pools", "all")
                .change(null, "added=" + report.added() + ", skipped=" + report.skipped().size()), why);
        return report;
    }

    private void record(Caller actor, String action, Race race, String before, String after, Justification why) {
        audit.record(actorOf(actor), AuditTrail.Action.of(action, "race", race.id()).change(before, after), why);
    }

    private static AuditTrail.Actor actorOf(Caller actor) {
        return new AuditTrail.Actor(actor.userId(), actor.displayName());
    }
}
