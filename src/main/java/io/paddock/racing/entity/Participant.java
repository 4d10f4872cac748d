package io.paddock.racing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.identity.entity.User;
import io.paddock.platform.errors.InvalidRequestException;

import io.paddock.platform.persistence.ChangeTracking;

/**
 * A racer in one race, identified to the mod by its {@code mod_token}. The token itself is never
 * stored: it is derived from the participant's id and token generation (RaceTokens) and only its
 * SHA-256 is kept for lookup. Progress only moves forward: IGT and layer never decrease, a finish is
 * final. The zone history is kept as {@link ZoneEntry} rows; this row only counts them, so the bound
 * ({@link #MAX_ZONE_HISTORY}) holds without reading them.
 */
@Entity
@EntityListeners(ChangeTracking.InsertsAndDeletes.class)
@Table(name = "participants")
@NamedQuery(name = Participant.RACES_OF_USER, query = "SELECT p.race FROM Participant p WHERE p.user.id = :userId "
        + "ORDER BY p.race.createdAt DESC")
@NamedQuery(name = Participant.COUNT_BY_RACE, query = "SELECT p.race.id, COUNT(p) FROM Participant p "
        + "WHERE p.race.id IN :raceIds GROUP BY p.race.id")
@NamedQuery(name = Participant.OF_RACE, query = "SELECT p FROM Participant p WHERE p.race.id = :raceId ORDER BY p.colorIndex")
@NamedQuery(name = Participant.BY_TOKEN, query = "SELECT p FROM Participant p JOIN FETCH p.race "
        + "WHERE p.modTokenHash = :hash OR p.legacyTokenHash = :hash")
// Startup: rows whose token hash must be derived (all of them when the token key changed).
@NamedQuery(name = Participant.TO_DERIVE, query = "SELECT p FROM Participant p WHERE :all = TRUE OR p.modTokenHash IS NULL")
@NamedQuery(name = Participant.INACTIVE, query = "SELECT p FROM Participant p WHERE "
        + "p.race.status = io.paddock.racing.entity.RaceStatus.RUNNING AND ("
        + "(p.status = io.paddock.racing.entity.ParticipantStatus.PLAYING AND p.lastProgressAt < :cutoff) OR "
        + "(p.status IN (io.paddock.racing.entity.ParticipantStatus.REGISTERED, io.paddock.racing.entity.ParticipantStatus.READY) "
        + "AND p.race.startedAt < :cutoff))")
public class Participant {

    public static final String OF_RACE = "Participant.ofRace";
    public static final String BY_TOKEN = "Participant.byToken";
    public static final String TO_DERIVE = "Participant.toDerive";
    public static final String INACTIVE = "Participant.inactive";
    public static final String RACES_OF_USER = "Participant.racesOfUser";
    public static final String COUNT_BY_RACE = "Participant.countByRace";

    /**
     * The most zone history entries a participant keeps. A real run enters far fewer zones (a seed's
     * graph has a few dozen to a few hundred nodes); the bound keeps race_state and the stored history
     * small whatever a mod sends.
     */
    public static final int MAX_ZONE_HISTORY = 500;

    @Id
    private UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "race_id")
    private Race race;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;
    private String twitchUsername;
    private String twitchDisplayName;
    /** SHA-256 (hex) of the derived mod token of {@link #tokenGeneration}. */
    private String modTokenHash;
    /** SHA-256 (hex) of a token issued before tokens were derived (V7); cleared on regeneration. */
    private String legacyTokenHash;
    private int tokenGeneration;
    @Enumerated(EnumType.STRING)
    private ParticipantStatus status;
    private String currentZone;
    private int currentLayer;
    private Long layerEntryIgt;
    private long igtMs;
    private int deathCount;
    private int colorIndex;
    private int zoneCount;
    private Instant finishedAt;
    private Instant lastProgressAt;
    private Instant createdAt;
    @Version
    private long version;

    protected Participant() {
    }

    /**
     * @param id           chosen by the caller, because the mod token (whose hash is given) derives from it
     * @param modTokenHash SHA-256 of the generation-0 mod token
     */
    public Participant(UUID id, Race race, User user, String twitchUsername, String twitchDisplayName,
            String modTokenHash, int colorIndex, Instant now) {
        this.id = Objects.requireNonNull(id, "A participant needs an id.");
        this.race = Objects.requireNonNull(race, "A participant needs a race.");
        this.user = Objects.requireNonNull(user, "A participant needs a user.");
        this.twitchUsername = Objects.requireNonNull(twitchUsername, "A participant needs a Twitch username.");
        this.twitchDisplayName = twitchDisplayName;
        this.modTokenHash = Objects.requireNonNull(modTokenHash, "A participant needs a mod token.");
        this.colorIndex = colorIndex;
        this.status = ParticipantStatus.REGISTERED;
        this.createdAt = now;
    }

    /**
     * The organizer revoked the mod token: the next generation's token replaces it, and the previous
     * one (and any pre-V7 token) stops working.
     */
    public void replaceToken(int generation, String hash) {
        if (generation != tokenGeneration + 1) {
            throw new IllegalArgumentException("Token generation " + generation + " does not follow " + tokenGeneration + ".");
        }
        tokenGeneration = generation;
        modTokenHash = Objects.requireNonNull(hash);
        legacyTokenHash = null;
    }

    /** The token key changed (or this row predates derived tokens): store the hash derived under the current key. */
    public void tokenDerivedAgain(String hash) {
        modTokenHash = Objects.requireNonNull(hash);
    }

    /** The mod says the player is ready; repeating it is harmless. */
    public void ready() {
        if (status == ParticipantStatus.READY) {
            return;
        }
        if (status != ParticipantStatus.REGISTERED) {
            throw stateConflict("ready up");
        }
        status = ParticipantStatus.READY;
    }

    /** A periodic status from the mod: IGT and layer never go backwards. */
    public void report(long igt, String zone, Integer layer, Integer deaths, Instant now) {
        play("report status");
        checkIgt(igt);
        if (layer != null && layer < currentLayer) {
            throw new InvalidRequestException("layer-backwards", "Layer went backwards",
                    "current_layer " + layer + " is below the recorded " + currentLayer + ".");
        }
        if (deaths != null && deaths < 0) {
            throw new InvalidRequestException("invalid-message", "Invalid message", "death_count cannot be negative.");
        }
        moveIgt(igt, now);
        if (zone != null) {
            currentZone = zone;
        }
        if (layer != null && layer > currentLayer) {
            currentLayer = layer;
            layerEntryIgt = igt;
        }
        if (deaths != null) {
            deathCount = deaths;
        }
    }

    /**
     * The player entered a zone (a node of the seed's graph, checked by the caller); a higher layer
     * moves the player forward, a lower one does not. Returns the history entry to store at position
     * {@code zoneCount() - 1}; refused once the history holds {@link #MAX_ZONE_HISTORY} entries.
     */
    public ZoneVisit enterZone(String nodeId, long igt, Integer layer, Instant now) {
        if (zoneCount >= MAX_ZONE_HISTORY) {
            throw new RaceConflict("zone-history-full", "Zone history full",
                    "A participant's zone history holds at most " + MAX_ZONE_HISTORY + " entries.");
        }
        play("enter a zone");
        checkIgt(igt);
        moveIgt(igt, now);
        currentZone = nodeId;
        ZoneVisit visit = new ZoneVisit(nodeId, igt, layer);
        zoneCount++;
        if (layer != null && layer > currentLayer) {
            currentLayer = layer;
            layerEntryIgt = igt;
        }
        return visit;
    }

    public void finish(long igt, Instant now) {
        if (status == ParticipantStatus.FINISHED) {
            throw new RaceConflict("already-finished", "Already finished", "This participant has already finished.");
        }
        play("finish");
        checkIgt(igt);
        moveIgt(igt, now);
        status = ParticipantStatus.FINISHED;
        finishedAt = now;
    }

    public void abandon() {
        if (status.done()) {
            throw stateConflict("abandon");
        }
        status = ParticipantStatus.ABANDONED;
    }

    /** A race reset clears all progress (the caller deletes the stored zone history). */
    public void reset() {
        status = ParticipantStatus.REGISTERED;
        currentZone = null;
        currentLayer = 0;
        layerEntryIgt = null;
        igtMs = 0;
        deathCount = 0;
        zoneCount = 0;
        finishedAt = null;
        lastProgressAt = null;
    }

    private void play(String action) {
        if (status == ParticipantStatus.REGISTERED || status == ParticipantStatus.READY) {
            status = ParticipantStatus.PLAYING;
        } else if (status != ParticipantStatus.PLAYING) {
            throw stateConflict(action);
        }
    }

    private void checkIgt(long igt) {
        if (igt < 0) {
            throw new InvalidRequestException("invalid-message", "Invalid message", "igt_ms cannot be negative.");
        }
        if (igt < igtMs) {
            throw new InvalidRequestException("igt-backwards", "IGT went backwards",
                    "igt_ms " + igt + " is below the recorded " + igtMs + ".");
        }
    }

    private void moveIgt(long igt, Instant now) {
        if (igt != igtMs || lastProgressAt == null) {
            lastProgressAt = now;
        }
        igtMs = igt;
    }

    private RaceConflict stateConflict(String action) {
        return new RaceConflict("participant-state", "Not allowed in this participant state",
                "Cannot " + action + ": the participant is " + status.wire() + ".");
    }

    /** How many zone history entries are stored ({@link ZoneEntry} rows 0 … zoneCount − 1). */
    public int zoneCount() {
        return zoneCount;
    }

    public UUID id() {
        return id;
    }

    public Race race() {
        return race;
    }

    public User user() {
        return user;
    }

    public String twitchUsername() {
        return twitchUsername;
    }

    public String twitchDisplayName() {
        return twitchDisplayName;
    }

    public int tokenGeneration() {
        return tokenGeneration;
    }

    public String modTokenHash() {
        return modTokenHash;
    }

    public String legacyTokenHash() {
        return legacyTokenHash;
    }

    public ParticipantStatus status() {
        return status;
    }

    public String currentZone() {
        return currentZone;
    }

    public int currentLayer() {
        return currentLayer;
    }

    public Long layerEntryIgt() {
        return layerEntryIgt;
    }

    public long igtMs() {
        return igtMs;
    }

    public int deathCount() {
        return deathCount;
    }

    public int colorIndex() {
        return colorIndex;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public long version() {
        return version;
    }
}
