package io.paddock.racing.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.racing.control.AttemptResult;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.entity.Invite;
import io.paddock.racing.entity.Race;

/** Response records of the racing REST API (snake_case, as SpeedFog Racing's clients expect). */
public final class RaceViews {

    private RaceViews() {
    }

    public record Organizer(UUID id, @JsonProperty("display_name") String displayName) {
    }

    public record Config(@JsonProperty("show_finished_names") boolean showFinishedNames,
            @JsonProperty("max_participants") Integer maxParticipants) {
    }

    public record SeedInfo(@JsonProperty("seed_number") Long seedNumber, @JsonProperty("total_layers") int totalLayers) {
    }

    public record RaceSummary(UUID id, String name, String status, @JsonProperty("pool_name") String poolName,
            Organizer organizer, @JsonProperty("scheduled_start") Instant scheduledStart,
            @JsonProperty("started_at") Instant startedAt, @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("created_at") Instant createdAt, long version,
            @JsonProperty("entrant_count") long entrantCount, @JsonProperty("total_layers") int totalLayers) {

        static RaceSummary of(Race r, long entrants) {
            return new RaceSummary(r.id(), r.name(), r.status().wire(), r.poolName(),
                    new Organizer(r.organizer().id(), r.organizer().displayName()), r.scheduledStart(), r.startedAt(),
                    r.finishedAt(), r.createdAt(), r.version(), entrants, r.seed().totalLayers());
        }
    }

    /**
     * One page of finished races, the latest finish first ({@code page} counts from 0), with the
     * server's clock so a list's timers can correct a wrong local clock.
     */
    public record RaceHistory(List<RaceSummary> races, int page, int size, long total,
            @JsonProperty("has_more") boolean hasMore, @JsonProperty("server_time") Instant serverTime) {
    }

    /** The caller's races: those they organize (drafts included) and those they entered. */
    public record MyRaces(List<RaceSummary> organized, List<RaceSummary> entered) {
    }

    /** An earlier attempt of a race, kept by a reset after the start. */
    public record AttemptView(int number, String status, @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt, @JsonProperty("reset_at") Instant resetAt,
            List<AttemptResult> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InviteView(String token, @JsonProperty("twitch_username") String twitchUsername, String state,
            @JsonProperty("expires_at") Instant expiresAt, String url) {

        static InviteView of(Invite i, String token, Instant now, String publicUrl) {
            return new InviteView(token, i.twitchUsername(), i.state(now), i.expiresAt(),
                    publicUrl + "/invite/" + token);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RaceDetails(UUID id, String name, String status, @JsonProperty("pool_name") String poolName,
            Organizer organizer, Config config, SeedInfo seed, @JsonProperty("scheduled_start") Instant scheduledStart,
            @JsonProperty("started_at") Instant startedAt, @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("packs_released") boolean packsReleased, @JsonProperty("created_at") Instant createdAt,
            long version, List<ParticipantView> participants,
            @JsonProperty("leader_splits") Map<Integer, Long> leaderSplits, List<InviteView> invites,
            @JsonProperty("is_organizer") boolean isOrganizer,
            @JsonProperty("my_participant_id") UUID myParticipantId, List<Download> downloads,
            @JsonProperty("attempt_count") long attemptCount, @JsonProperty("server_time") Instant serverTime) {

        static RaceDetails of(Race r, Leaderboard.Ranked board, List<InviteView> invites, boolean organizer,
                UUID mine, List<Download> downloads, long attempts, Instant now) {
            return new RaceDetails(r.id(), r.name(), r.status().wire(), r.poolName(),
                    new Organizer(r.organizer().id(), r.organizer().displayName()),
                    new Config(r.showFinishedNames(), r.maxParticipants()),
                    new SeedInfo(organizer ? r.seed().seedNumber() : null, r.seed().totalLayers()), r.scheduledStart(),
                    r.startedAt(), r.finishedAt(), r.packsReleasedAt() != null, r.createdAt(), r.version(),
                    board.participants(), board.leaderSplits(), invites, organizer, mine, downloads, attempts, now);
        }

        /** These details without {@code server_time}: what their entity tag covers and a snapshot keeps. */
        RaceDetails withoutServerTime() {
            return new RaceDetails(id, name, status, poolName, organizer, config, seed, scheduledStart, startedAt,
                    finishedAt, packsReleased, createdAt, version, participants, leaderSplits, invites, isOrganizer,
                    myParticipantId, downloads, attemptCount, null);
        }
    }

    /**
     * A participant's pack link; {@code torrent_url} (the seed's .torrent, same token) and {@code magnet} when
     * the server offers the seed's files as a torrent, else null.
     */
    public record Download(@JsonProperty("participant_id") UUID participantId,
            @JsonProperty("twitch_username") String twitchUsername, String url,
            @JsonProperty("torrent_url") String torrentUrl, String magnet) {
    }

    public record Downloads(@JsonProperty("race_id") UUID raceId, List<Download> downloads) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AddedView(ParticipantView participant, InviteView invite) {
    }
}
