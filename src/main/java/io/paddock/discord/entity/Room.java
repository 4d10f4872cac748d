package io.paddock.discord.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.identity.entity.User;

/**
 * A voice channel the bot opened in the configured guild: by a user ({@code creatorId}) or for a race
 * ({@code raceId}, opened when the race entered countdown). It ends when someone ends it, when a race
 * room's grace period after the finish is over, or when the channel is deleted in Discord by hand.
 */
@Entity
@Table(name = "discord_rooms")
@NamedQuery(name = Room.BY_CHANNEL, query = "SELECT r FROM Room r WHERE r.channelId = :channelId")
@NamedQuery(name = Room.OPEN_OF_RACE, query = "SELECT r FROM Room r WHERE r.raceId = :raceId AND r.endedAt IS NULL")
// :raceId is the race's id as text
@NamedQuery(name = Room.DUE, query = "SELECT r FROM Room r WHERE r.endedAt IS NULL AND r.endAfter IS NOT NULL "
        + "AND r.endAfter <= :now ORDER BY r.endAfter")
@NamedQuery(name = Room.RECENT, query = "SELECT r FROM Room r ORDER BY r.createdAt DESC")
@NamedQuery(name = Room.OPEN, query = "SELECT r FROM Room r WHERE r.endedAt IS NULL")
// Ending is one conditional update (the REST path and the gateway's report may race): see RoomStore#ended.
@NamedQuery(name = Room.END, query = "UPDATE Room r SET r.endedAt = :now, r.version = r.version + 1 "
        + "WHERE r.channelId = :channelId AND r.endedAt IS NULL")
public class Room {

    public static final String BY_CHANNEL = "Room.byChannel";
    public static final String OPEN_OF_RACE = "Room.openOfRace";
    public static final String DUE = "Room.due";
    public static final String RECENT = "Room.recent";
    public static final String OPEN = "Room.open";
    public static final String END = "Room.end";
    public static final int MAX_NAME = 100;

    @Id
    private UUID id;
    private String channelId;
    private String guildId;
    private String name;
    /** Null for a room Paddock opened for a race. */
    @ManyToOne
    @JoinColumn(name = "creator_id")
    private User creator;
    /** The race's id as text (nullable UUIDs are read badly by the JPA provider). */
    private String raceId;
    private Integer userLimit;
    private Instant createdAt;
    private Instant endAfter;
    private Instant endedAt;
    @Version
    private long version;

    protected Room() {
    }

    /** A room whose channel Discord has just created. */
    public Room(String channelId, String guildId, String name, User creator, UUID raceId, Integer userLimit,
            Instant now) {
        this.id = UUID.randomUUID();
        this.channelId = requireSnowflake(channelId);
        this.guildId = requireSnowflake(guildId);
        this.name = Objects.requireNonNull(name, "A room needs a name.");
        if (creator == null && raceId == null) {
            throw new IllegalArgumentException("A room is opened by a user or for a race.");
        }
        this.creator = creator;
        this.raceId = raceId == null ? null : raceId.toString();
        this.userLimit = userLimit;
        this.createdAt = Objects.requireNonNull(now);
    }

    private static String requireSnowflake(String id) {
        if (id == null || !id.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("Not a Discord id: " + id);
        }
        return id;
    }

    /**
     * Whether this user may end the room: its creator, the organizer of its race ({@code organizer}, as
     * racing answered) or an admin.
     */
    public boolean mayBeEndedBy(UUID userId, boolean organizer, boolean admin) {
        return admin || organizer || (creator != null && creator.id().equals(userId));
    }

    /** A race room is removed from {@code at} on (the race finished, plus the grace period); the earliest wins. */
    public void endFrom(Instant at) {
        if (endedAt == null && (endAfter == null || at.isBefore(endAfter))) {
            endAfter = at;
        }
    }

    public boolean ended() {
        return endedAt != null;
    }

    public UUID id() {
        return id;
    }

    public String channelId() {
        return channelId;
    }

    public String guildId() {
        return guildId;
    }

    public String name() {
        return name;
    }

    public UUID creatorId() {
        return creator == null ? null : creator.id();
    }

    public UUID raceId() {
        return raceId == null ? null : UUID.fromString(raceId);
    }

    public Integer userLimit() {
        return userLimit;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant endAfter() {
        return endAfter;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
