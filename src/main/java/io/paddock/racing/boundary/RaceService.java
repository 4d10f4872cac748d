package io.paddock.racing.boundary;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import io.paddock.identity.control.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.json.Json;
import io.paddock.racing.control.AttemptResult;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.control.RaceSnapshots;
import io.paddock.racing.control.Races;
import io.paddock.racing.control.SeedTorrents;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;

/** Maps the control results to response records inside one transaction (no lazy loading after it). */
@Stateless
public class RaceService {

    @Inject
    Races races;

    @Inject
    Clock clock;

    @Inject
    PublicUrl publicUrl;

    @Inject
    RaceSnapshots snapshots;

    @Inject
    SeedTorrents seedTorrents;

    public RaceViews.RaceDetails details(UUID raceId, Optional<Caller> caller) {
        return details(races.find(raceId), caller);
    }

    RaceViews.RaceDetails details(Race race, Optional<Caller> caller) {
        List<Participant> participants = races.participants(race.id());
        Leaderboard.Ranked board = snapshots.ranked(race.id());
        boolean organizer = caller.map(c -> race.organizedBy(c.userId()) || c.isAdmin()).orElse(false);
        UUID mine = caller.flatMap(c -> participants.stream().filter(p -> p.user().id().equals(c.userId()))
                .map(Participant::id).findFirst()).orElse(null);
        List<RaceViews.InviteView> invites = organizer ? races.invites(race.id()).stream()
                .map(i -> RaceViews.InviteView.of(i, races.inviteToken(i), clock.instant(), publicUrl.base())).toList() : null;
        if (race.hidesFinishedNames() && !organizer) {
            board = new Leaderboard.Ranked(ParticipantView.withFinishedNamesHidden(board.participants()),
                    board.leaderSplits());
        }
        // The organizer sees the pack links again after a reload (they are derived, never stored).
        List<RaceViews.Download> downloads = null;
        if (organizer && race.packsReleasedAt() != null) {
            Optional<SeedTorrents.Offer> torrent = seedTorrents.offer(race);
            downloads = participants.stream().map(p -> download(race.id(), p, torrent)).toList();
        }
        return RaceViews.RaceDetails.of(race, board, invites, organizer, mine, downloads,
                races.attemptCount(race.id()), clock.instant());
    }

    public List<RaceViews.RaceSummary> list(List<RaceStatus> statuses) {
        return summaries(races.list(statuses));
    }

    public RaceViews.RaceHistory history(int page, int size) {
        Races.History history = races.history(page, size);
        return new RaceViews.RaceHistory(summaries(history.races()), page, size, history.total(),
                (long) (page + 1) * size < history.total(), clock.instant());
    }

    public RaceViews.MyRaces mine(Caller caller) {
        return new RaceViews.MyRaces(summaries(races.organizedBy(caller.userId())),
                summaries(races.enteredBy(caller.userId())));
    }

    public List<RaceViews.AttemptView> attempts(UUID raceId) {
        return races.attempts(raceId).stream().map(a -> {
            try {
                List<AttemptResult> results = Json.mapper().readValue(a.results(), new TypeReference<>() { });
                return new RaceViews.AttemptView(a.number(), a.status().wire(), a.startedAt(), a.finishedAt(),
                        a.resetAt(), results);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable results of attempt " + a.id(), e);
            }
        }).toList();
    }

    private List<RaceViews.RaceSummary> summaries(List<Race> list) {
        Map<UUID, Long> counts = races.entrantCounts(list.stream().map(Race::id).toList());
        return list.stream().map(r -> RaceViews.RaceSummary.of(r, counts.getOrDefault(r.id(), 0L))).toList();
    }

    public RaceViews.AddedView add(Caller caller, UUID raceId, String twitchUsername) {
        Races.Added added = races.addParticipant(caller, raceId, twitchUsername);
        return new RaceViews.AddedView(added.participant() == null ? null : ParticipantView.of(added.participant(), java.util.List.of()),
                added.invite() == null ? null
                        : RaceViews.InviteView.of(added.invite(), races.inviteToken(added.invite()), clock.instant(), publicUrl.base()));
    }

    public RaceViews.Downloads generate(Caller caller, UUID raceId) {
        List<Participant> released = races.releasePacks(caller, raceId);
        Optional<SeedTorrents.Offer> torrent = seedTorrents.offer(races.find(raceId));
        List<RaceViews.Download> downloads = released.stream().map(p -> download(raceId, p, torrent)).toList();
        return new RaceViews.Downloads(raceId, downloads);
    }

    /** The caller's own download link (participants only). */
    public RaceViews.Download mine(Caller caller, UUID raceId) {
        Race race = races.find(raceId);
        Participant p = races.participants(raceId).stream().filter(x -> x.user().id().equals(caller.userId()))
                .findFirst().orElseThrow(() -> new io.paddock.platform.errors.ResourceNotFoundException(
                        "participant-not-found", "Not a participant", "You are not a participant of this race."));
        if (race.packsReleasedAt() == null) {
            throw new io.paddock.racing.entity.RaceConflict("packs-not-released", "Packs not released",
                    "The organizer has not generated the packs yet.");
        }
        return download(raceId, p, seedTorrents.offer(race));
    }

    /** A new mod token for one participant (organizer); returns the new download link. */
    public RaceViews.Download regenerateToken(Caller caller, UUID raceId, UUID participantId) {
        Participant p = races.regenerateToken(caller, raceId, participantId);
        return download(raceId, p, seedTorrents.offer(races.find(raceId)));
    }

    public RaceViews.InviteView invite(String token) {
        io.paddock.racing.entity.Invite invite = races.invite(token);
        return RaceViews.InviteView.of(invite, races.inviteToken(invite), clock.instant(), publicUrl.base());
    }

    public UUID inviteRace(String token) {
        return races.invite(token).race().id();
    }

    public RaceViews.RaceDetails accept(Caller caller, String token) {
        Participant p = races.accept(caller, token);
        return details(p.race(), Optional.of(caller));
    }

    /** A participant's pack link, with the seed's torrent (its .torrent under the same token, its magnet) when offered. */
    private RaceViews.Download download(UUID raceId, Participant p, Optional<SeedTorrents.Offer> torrent) {
        String url = downloadUrl(raceId, races.modToken(p));
        return new RaceViews.Download(p.id(), p.twitchUsername(), url, torrent.map(t -> url + "/torrent").orElse(null),
                torrent.map(SeedTorrents.Offer::magnet).orElse(null));
    }

    private String downloadUrl(UUID raceId, String token) {
        return publicUrl.resolve("/api/races/" + raceId + "/download/" + token);
    }
}
