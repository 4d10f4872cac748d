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
 * A race: draft → open → countdown → running → finished, reset back to open (or an open race back to
 * draft), and cancelled by staff from any state but finished. Every change goes
 * through a method that refuses illegal transitions; {@code @Version} turns a lost concurrent update
 * into a 409.
 */
@Entity
@EntityListeners(ChangeTracking.class)
@Table(name = "races")
@NamedQuery(name = Race.ALL, query = "SELECT r FROM Race r WHERE r.status <> io.paddock.racing.entity.RaceStatus.DRAFT "
        + "ORDER BY r.createdAt DESC")
@NamedQuery(name = Race.BY_STATUS, query = "SELECT r FROM Race r WHERE r.status IN :statuses ORDER BY r.createdAt DESC")
@NamedQuery(name = Race.FINISHED, query = "SELECT r FROM Race r WHERE r.status = io.paddock.racing.entity.RaceStatus.FINISHED "
        + "ORDER BY r.finishedAt DESC, r.id")
@NamedQuery(name = Race.COUNT_FINISHED, query = "SELECT COUNT(r) FROM Race r WHERE r.status = io.paddock.racing.entity.RaceStatus.FINISHED")
@NamedQuery(name = Race.ORGANIZED_BY, query = "SELECT r FROM Race r WHERE r.organizer.id = :userId ORDER BY r.createdAt DESC")
@NamedQuery(name = Race.DUE, query = "SELECT r FROM Race r WHERE r.status = io.paddock.racing.entity.RaceStatus.COUNTDOWN "
        + "AND r.scheduledStart <= :now")
public class Race {

    public static final String ALL = "Race.all";
    public static final String BY_STATUS = "Race.byStatus";
    public static final String DUE = "Race.due";
    public static final String FINISHED = "Race.finished";
    public static final String COUNT_FINISHED = "Race.countFinished";
    public static final String ORGANIZED_BY = "Race.organizedBy";

    @Id
    private UUID id;
    private String name;
    @ManyToOne(optional = false)
    @JoinColumn(name = "organizer_id")
    private User organizer;
    @ManyToOne
    @JoinColumn(name = "seed_id")
    private Seed seed;
    private String poolName;
    @Enumerated(EnumType.STRING)
    private RaceStatus status;
    private boolean showFinishedNames;
    private Integer maxParticipants;
    private Instant scheduledStart;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant packsReleasedAt;
    private Instant createdAt;
    @Version
    private long version;

    protected Race() {
    }

    public Race(String name, User organizer, String poolName, Seed seed, boolean showFinishedNames,
            Integer maxParticipants, Instant now) {
        this.id = UUID.randomUUID();
        Objects.requireNonNull(name, "Race name is required.");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Race name is required.");
        }
        this.name = name.strip();
        this.organizer = Objects.requireNonNull(organizer, "A race needs an organizer.");
        this.poolName = Objects.requireNonNull(poolName, "A race needs a pool.");
        this.seed = Objects.requireNonNull(seed, "A race needs a seed.");
        this.showFinishedNames = showFinishedNames;
        this.maxParticipants = maxParticipants;
        this.status = RaceStatus.DRAFT;
        this.createdAt = now;
    }

    public boolean organizedBy(UUID userId) {
        return organizer.id().equals(userId);
    }

    /** Opens a draft to its participants. */
    public void open() {
        if (status != RaceStatus.DRAFT) {
            throw RaceConflict.raceState(this, "open");
        }
        status = RaceStatus.OPEN;
    }

    /** Replaces the seed while the race is in setup and no pack has gone out. */
    public Seed reroll(Seed replacement) {
        if (!status.inSetup()) {
            throw RaceConflict.raceState(this, "re-roll the seed");
        }
        if (packsReleasedAt != null) {
            throw new RaceConflict("packs-released", "Packs already released",
                    "Packs of this seed have been handed out; it can no longer be re-rolled.");
        }
        Seed previous = seed;
        seed = Objects.requireNonNull(replacement);
        return previous;
    }

    public void releasePacks(Instant now) {
        if (status.over()) {
            throw RaceConflict.raceState(this, "generate packs");
        }
        if (packsReleasedAt == null) {
            packsReleasedAt = now;
        }
    }

    /** Sets the start time and enters the countdown. */
    public void scheduleStart(Instant at, Instant now) {
        if (!status.inSetup()) {
            throw RaceConflict.raceState(this, "start");
        }
        if (at == null || at.isBefore(now.minusSeconds(1))) {
            throw new InvalidRequestException("start-in-past", "Start time in the past",
                    "The start time has already passed: pick a time from now on.");
        }
        scheduledStart = at;
        status = RaceStatus.COUNTDOWN;
    }

    /** The race clock's flip at the scheduled start (also after a restart, late). */
    public void begin(Instant now) {
        if (status != RaceStatus.COUNTDOWN) {
            throw RaceConflict.raceState(this, "begin");
        }
        status = RaceStatus.RUNNING;
        startedAt = scheduledStart != null && scheduledStart.isBefore(now) ? scheduledStart : now;
    }

    public void finish(Instant now) {
        if (status != RaceStatus.RUNNING) {
            throw RaceConflict.raceState(this, "finish");
        }
        status = RaceStatus.FINISHED;
        finishedAt = now;
    }

    /** Back to open: clears the clock (participants are reset by the caller). */
    public void reset() {
        if (status == RaceStatus.DRAFT || status == RaceStatus.OPEN || status == RaceStatus.CANCELLED) {
            throw RaceConflict.raceState(this, "reset");
        }
        status = RaceStatus.OPEN;
        scheduledStart = null;
        startedAt = null;
        finishedAt = null;
    }

    /** An open race back to draft, hidden from the public again: only before any pack has gone out. */
    public void backToDraft() {
        if (status != RaceStatus.OPEN) {
            throw RaceConflict.raceState(this, "return to draft");
        }
        if (packsReleasedAt != null) {
            throw new RaceConflict("packs-released", "Packs already released",
                    "Packs of this race have been handed out; it can no longer return to draft.");
        }
        status = RaceStatus.DRAFT;
    }

    /** Called off by staff, from any state but finished; a cancelled race takes no more changes. */
    public void cancel() {
        if (status.over()) {
            throw RaceConflict.raceState(this, "cancel");
        }
        status = RaceStatus.CANCELLED;
    }

    /** Only a draft may be deleted: nobody outside its organizer has seen it. */
    public void requireDeletable() {
        if (status != RaceStatus.DRAFT) {
            throw RaceConflict.raceState(this, "delete");
        }
    }

    public boolean acceptsParticipants() {
        return status.inSetup();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public User organizer() {
        return organizer;
    }

    public Seed seed() {
        return seed;
    }

    public String poolName() {
        return poolName;
    }

    public RaceStatus status() {
        return status;
    }

    /**
     * With {@code show_finished_names} off, who has finished is not named to racers and the public
     * while the race is on (anti-spoiler): names show again once the race is finished.
     */
    public boolean hidesFinishedNames() {
        return !showFinishedNames && status != RaceStatus.FINISHED;
    }

    public boolean showFinishedNames() {
        return showFinishedNames;
    }

    public Integer maxParticipants() {
        return maxParticipants;
    }

    public Instant scheduledStart() {
        return scheduledStart;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant packsReleasedAt() {
        return packsReleasedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
