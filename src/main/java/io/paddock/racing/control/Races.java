package io.paddock.racing.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.Limits;
import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.Caller;
import io.paddock.identity.entity.User;
import io.paddock.platform.json.Json;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.racing.entity.Invite;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceAttempt;
import io.paddock.racing.entity.RaceConflict;
import io.paddock.racing.entity.RaceStatus;
import io.paddock.racing.entity.Seed;

/** Races, participants and invites: everything the REST API asks of the racing module. */
@Stateless
public class Races {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Accounts accounts;

    @Inject
    SeedPool pool;

    @Inject
    RaceSnapshots snapshots;

    @Inject
    RaceTokens tokens;

    @Inject
    Event<ModTokenRevoked> revoked;

    @Inject
    Limits limits;

    @Inject
    OpenRacesMeter openRaces;

    @Inject
    @ConfigProperty(name = "paddock.racing.invite-ttl", defaultValue = "P7D")
    Duration inviteTtl;

    /** What the organizer gets back when adding a participant: the participant, or an invite. */
    public record Added(Participant participant, Invite invite) {
    }

    public Race create(Caller caller, String name, String poolName, boolean showFinishedNames, Integer maxParticipants) {
        User organizer = accounts.find(caller.userId());
        Seed seed = pool.draw(poolName);
        Race race = new Race(name, organizer, poolName, seed, showFinishedNames, maxParticipants, clock.instant());
        em.persist(race);
        return race;
    }

    public Race find(UUID raceId) {
        Race race = em.find(Race.class, raceId);
        if (race == null) {
            throw new ResourceNotFoundException("race-not-found", "Race not found", "No race " + raceId + " exists.");
        }
        return race;
    }

    /** Races in these states (none: all), drafts never: a draft is its organizer's own (see {@link #organizedBy}). */
    public List<Race> list(List<RaceStatus> statuses) {
        if (statuses.isEmpty()) {
            return em.createNamedQuery(Race.ALL, Race.class).setMaxResults(200).getResultList();
        }
        List<RaceStatus> listed = statuses.stream().filter(s -> s != RaceStatus.DRAFT).toList();
        return listed.isEmpty() ? List.of() : em.createNamedQuery(Race.BY_STATUS, Race.class)
                .setParameter("statuses", listed).setMaxResults(200).getResultList();
    }

    /** A page of finished races, the latest finish first, and how many finished races there are. */
    public record History(List<Race> races, long total) {
    }

    public History history(int page, int size) {
        List<Race> races = em.createNamedQuery(Race.FINISHED, Race.class).setFirstResult(page * size)
                .setMaxResults(size).getResultList();
        long total = em.createNamedQuery(Race.COUNT_FINISHED, Long.class).getSingleResult();
        return new History(races, total);
    }

    /** The races this user organizes, drafts included, newest first. */
    public List<Race> organizedBy(UUID userId) {
        return em.createNamedQuery(Race.ORGANIZED_BY, Race.class).setParameter("userId", userId).setMaxResults(200)
                .getResultList();
    }

    /** The races this user is a participant of, newest first. */
    public List<Race> enteredBy(UUID userId) {
        return em.createNamedQuery(Participant.RACES_OF_USER, Race.class).setParameter("userId", userId)
                .setMaxResults(200).getResultList();
    }

    /** Participants per race (absent: none), for the lists. */
    public Map<UUID, Long> entrantCounts(Collection<UUID> raceIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (!raceIds.isEmpty()) {
            for (Object[] row : em.createNamedQuery(Participant.COUNT_BY_RACE, Object[].class)
                    .setParameter("raceIds", raceIds).getResultList()) {
                counts.put((UUID) row[0], (Long) row[1]);
            }
        }
        return counts;
    }

    public long attemptCount(UUID raceId) {
        return em.createNamedQuery(RaceAttempt.COUNT_OF_RACE, Long.class).setParameter("raceId", raceId)
                .getSingleResult();
    }

    /** The recorded earlier attempts of a race, the latest first. */
    public List<RaceAttempt> attempts(UUID raceId) {
        find(raceId);
        return em.createNamedQuery(RaceAttempt.OF_RACE, RaceAttempt.class).setParameter("raceId", raceId)
                .getResultList();
    }

    public List<Participant> participants(UUID raceId) {
        return snapshots.participants(raceId);
    }

    public List<Invite> invites(UUID raceId) {
        return em.createNamedQuery(Invite.OF_RACE, Invite.class).setParameter("raceId", raceId).getResultList();
    }

    /** The race, checked that the caller organizes it (admins may manage any race). */
    public Race managed(Caller caller, UUID raceId, Long expectedVersion) {
        Race race = find(raceId);
        if (!race.organizedBy(caller.userId()) && !caller.isAdmin()) {
            throw new AccessDeniedException("not-organizer", "Organizer only",
                    "Only the race's organizer can do this.");
        }
        if (expectedVersion != null && expectedVersion != race.version()) {
            throw new RaceConflict("race-changed", "Race changed",
                    "The race is now " + race.status().wire() + " at version " + race.version() + "; reload it.");
        }
        return race;
    }

    public Added addParticipant(Caller caller, UUID raceId, String twitchUsername) {
        Race race = managed(caller, raceId, null);
        em.lock(race, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        if (!race.acceptsParticipants()) {
            throw new RaceConflict("race-state", "Not allowed in this race state",
                    "Participants can only be added while the race is draft or open; it is " + race.status().wire() + ".");
        }
        String login = twitchUsername.strip().toLowerCase(Locale.ROOT);
        Optional<Accounts.TwitchAccount> twitch = accounts.byTwitchLogin(login);
        if (twitch.isEmpty()) {
            boolean pending = invites(raceId).stream()
                    .anyMatch(i -> i.twitchUsername().equals(login) && i.state(clock.instant()).equals("pending"));
            if (pending) {
                throw new RaceConflict("already-invited", "Already invited", login + " already has a pending invite.");
            }
            checkRoom(race);
            UUID inviteId = UUID.randomUUID();
            Invite invite = new Invite(inviteId, race, login, RaceTokens.hash(tokens.inviteToken(inviteId)),
                    clock.instant(), clock.instant().plus(inviteTtl));
            em.persist(invite);
            return new Added(null, invite);
        }
        Accounts.TwitchAccount account = twitch.get();
        Participant participant = join(race, accounts.find(account.user().id()), account.login(),
                account.displayName());
        return new Added(participant, null);
    }

    private Participant join(Race race, User user, String login, String displayName) {
        List<Participant> current = participants(race.id());
        if (current.stream().anyMatch(p -> p.user().id().equals(user.id()))) {
            throw new RaceConflict("already-participant", "Already a participant",
                    login + " is already in this race.");
        }
        checkRoom(race);
        int color = current.stream().mapToInt(Participant::colorIndex).max().orElse(-1) + 1;
        UUID id = UUID.randomUUID();
        Participant participant = new Participant(id, race, user, login, displayName,
                RaceTokens.hash(tokens.modToken(id, 0)), color, clock.instant());
        em.persist(participant);
        List<Participant> changed = new ArrayList<>();
        changed.add(participant);
        snapshots.changed(race, changed, false);
        return participant;
    }

    private void checkRoom(Race race) {
        long taken = participants(race.id()).size() + invites(race.id()).stream()
                .filter(i -> i.state(clock.instant()).equals("pending")).count();
        // The organizer's plan bounds participants and pending invites together, as the race's own maximum does.
        limits.require(race.organizer().id(), Limit.PARTICIPANTS_PER_RACE, taken, 1);
        if (race.maxParticipants() != null) {
            if (taken >= race.maxParticipants()) {
                throw new RaceConflict("race-full", "Race full",
                        "The race already has " + race.maxParticipants() + " participants or pending invites.");
            }
        }
    }

    public void removeParticipant(Caller caller, UUID raceId, UUID participantId) {
        Race race = managed(caller, raceId, null);
        Participant participant = em.find(Participant.class, participantId);
        if (participant == null || !participant.race().id().equals(raceId)) {
            throw new ResourceNotFoundException("participant-not-found", "Participant not found",
                    "No participant " + participantId + " in this race.");
        }
        if (!race.acceptsParticipants()) {
            throw new RaceConflict("race-state", "Not allowed in this race state",
                    "Participants can only be removed while the race is draft or open; it is " + race.status().wire() + ".");
        }
        em.lock(race, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        em.remove(participant);
        snapshots.changed(race, List.of(), false);
        revoked.fire(new ModTokenRevoked(raceId, participantId));
    }

    /**
     * A new mod token for a participant (e.g. one shown on stream): the token generation moves on, so
     * the old token, its pack link and any pre-V7 token stop working, and its open mod sockets are
     * closed after commit. Allowed in every race state.
     */
    public Participant regenerateToken(Caller caller, UUID raceId, UUID participantId) {
        managed(caller, raceId, null);
        Participant participant = em.find(Participant.class, participantId);
        if (participant == null || !participant.race().id().equals(raceId)) {
            throw new ResourceNotFoundException("participant-not-found", "Participant not found",
                    "No participant " + participantId + " in this race.");
        }
        int next = participant.tokenGeneration() + 1;
        participant.replaceToken(next, RaceTokens.hash(tokens.modToken(participantId, next)));
        em.flush();
        revoked.fire(new ModTokenRevoked(raceId, participantId));
        return participant;
    }

    /** The current mod token of a participant (packs and download links carry it). */
    public String modToken(Participant participant) {
        return tokens.modToken(participant.id(), participant.tokenGeneration());
    }

    /** The current token of an invite link. */
    public String inviteToken(Invite invite) {
        return tokens.inviteToken(invite.id());
    }

    public Race open(Caller caller, UUID raceId, Long version) {
        Race race = managed(caller, raceId, version);
        // The organizer's plan bounds the races open at once (the count is taken before this one opens).
        if (race.status() == RaceStatus.DRAFT) {
            limits.require(race.organizer().id(), Limit.OPEN_RACES, openRaces.openRaces(race.organizer().id()), 1);
        }
        race.open();
        snapshots.changed(race, List.of(), true);
        return race;
    }

    public Race reroll(Caller caller, UUID raceId, Long version) {
        Race race = managed(caller, raceId, version);
        Seed replacement = pool.draw(race.poolName());
        Seed previous = race.reroll(replacement);
        previous.discard();
        em.flush();
        return race;
    }

    public Race start(Caller caller, UUID raceId, Instant scheduledStart, Long version) {
        Race race = managed(caller, raceId, version);
        if (participants(raceId).isEmpty()) {
            throw new RaceConflict("no-participants", "No participants", "Add at least one participant first.");
        }
        race.scheduleStart(scheduledStart, clock.instant());
        snapshots.changed(race, List.of(), true);
        return race;
    }

    /**
     * Back to open. A race that started keeps what it had as a recorded attempt (its clock and ranked
     * results) before its participants' progress is cleared.
     */
    public Race reset(Caller caller, UUID raceId, Long version) {
        Race race = managed(caller, raceId, version);
        if (race.status() == RaceStatus.RUNNING || race.status() == RaceStatus.FINISHED) {
            long earlier = attemptCount(raceId);
            String results;
            try {
                results = Json.mapper().writeValueAsString(AttemptResult.of(snapshots.ranked(raceId)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            em.persist(new RaceAttempt(race, (int) earlier + 1, results, clock.instant()));
        }
        race.reset();
        List<Participant> all = participants(raceId);
        all.forEach(Participant::reset);
        snapshots.forgetHistories(all);
        snapshots.changed(race, all, true);
        return race;
    }

    public List<Participant> releasePacks(Caller caller, UUID raceId) {
        Race race = managed(caller, raceId, null);
        race.releasePacks(clock.instant());
        return participants(raceId);
    }

    public Invite invite(String token) {
        return tokens.invite(token).orElseThrow(() -> new ResourceNotFoundException("invite-not-found", "Invite not found",
                        "No such invite."));
    }

    public Participant accept(Caller caller, String token) {
        Invite invite = invite(token);
        Race race = invite.race();
        if (!race.acceptsParticipants()) {
            throw new RaceConflict("race-state", "Not allowed in this race state",
                    "The race is " + race.status().wire() + "; invites can only be accepted while it is draft or open.");
        }
        User user = accounts.find(caller.userId());
        Optional<String> login = accounts.twitchLogin(user.id());
        invite.accept(user, login.orElse(null), clock.instant());
        em.lock(race, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        // The invite itself holds a seat; free it before counting.
        em.flush();
        // The accepting account's own names (the invite checked that its login is the invited one).
        return join(race, user, login.get(), user.displayName());
    }

    /** Whether the caller organizes the race (or is an admin): sees everything, names included. */
    public boolean organizes(UUID raceId, Caller caller) {
        return find(raceId).organizedBy(caller.userId()) || caller.isAdmin();
    }

    /** Whether the caller may see the seed graph before the race runs. */
    public boolean insider(UUID raceId, Caller caller) {
        Race race = find(raceId);
        return race.organizedBy(caller.userId()) || caller.isAdmin()
                || participants(raceId).stream().anyMatch(p -> p.user().id().equals(caller.userId()));
    }

    static boolean allDone(List<Participant> participants) {
        return !participants.isEmpty() && participants.stream().allMatch(p -> p.status().done());
    }
}
