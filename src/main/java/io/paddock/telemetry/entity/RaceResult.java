package io.paddock.telemetry.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.persistence.NullableUuid;
import io.paddock.platform.errors.ConflictException;

/** A submitted race result with the telemetry proof's outcome and the reasons for it. */
@Entity
@Table(name = "race_results")
@NamedQuery(name = RaceResult.OF_USER, query = "SELECT r FROM RaceResult r WHERE r.userId = :userId "
        + "ORDER BY r.submittedAt DESC, r.id")
@NamedQuery(name = RaceResult.COUNT_OF_USER, query = "SELECT COUNT(r) FROM RaceResult r WHERE r.userId = :userId")
@NamedQuery(name = RaceResult.VERIFIED_COUNT_OF_USER, query = "SELECT COUNT(r) FROM RaceResult r "
        + "WHERE r.userId = :userId AND r.outcome = io.paddock.telemetry.entity.Outcome.VERIFIED")
@NamedQuery(name = RaceResult.PODIUMS_OF_USER, query = "SELECT r FROM RaceResult r WHERE r.userId = :userId "
        + "AND r.outcome = io.paddock.telemetry.entity.Outcome.VERIFIED AND r.finalPosition <= 3 "
        + "ORDER BY r.submittedAt DESC, r.id")
@NamedQuery(name = RaceResult.LEADERBOARD, query = "SELECT r.userId, "
        + "SUM(CASE WHEN r.finalPosition = 1 THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN r.finalPosition = 2 THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN r.finalPosition = 3 THEN 1 ELSE 0 END), COUNT(r) FROM RaceResult r "
        + "WHERE r.simPlatform = :platform AND r.outcome = io.paddock.telemetry.entity.Outcome.VERIFIED "
        + "AND r.finalPosition <= 3 AND r.submittedAt >= :from AND r.submittedAt < :to GROUP BY r.userId")
@NamedQuery(name = RaceResult.REVIEW_QUEUE, query = "SELECT r FROM RaceResult r WHERE r.outcome IN :outcomes "
        + "ORDER BY r.submittedAt, r.id")
@NamedQuery(name = RaceResult.REVIEW_QUEUE_COUNT, query = "SELECT COUNT(r) FROM RaceResult r "
        + "WHERE r.outcome IN :outcomes")
public class RaceResult {

    public static final String REVIEW_QUEUE = "RaceResult.reviewQueue";
    public static final String REVIEW_QUEUE_COUNT = "RaceResult.reviewQueueCount";

    public static final String OF_USER = "RaceResult.ofUser";
    public static final String COUNT_OF_USER = "RaceResult.countOfUser";
    public static final String VERIFIED_COUNT_OF_USER = "RaceResult.verifiedCountOfUser";
    public static final String PODIUMS_OF_USER = "RaceResult.podiumsOfUser";
    public static final String LEADERBOARD = "RaceResult.leaderboard";

    @Id
    private UUID id;
    private UUID userId;
    private UUID installationId;
    private UUID sessionId;
    @Enumerated(EnumType.STRING)
    private SimPlatform simPlatform;
    private String track;
    private String car;
    private String series;
    private int finalPosition;
    private int fieldSize;
    private int laps;
    private long bestLapMs;
    private long totalTimeMs;
    private int competitiveness;
    private Integer continuityScore;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private String reasons;
    private Instant submittedAt;
    @Convert(converter = NullableUuid.class)
    private UUID reviewedBy;
    private Instant reviewedAt;
    private String reviewNote;
    @Version
    private long version;

    protected RaceResult() {
    }

    /** The race as the plugin reported it. */
    public record Race(SimPlatform simPlatform, String track, String car, String series, int finalPosition,
            int fieldSize, int laps, long bestLapMs, long totalTimeMs, int competitiveness) {

        public Race {
            Objects.requireNonNull(simPlatform, "A sim platform is required.");
            Objects.requireNonNull(track, "A track is required.");
            Objects.requireNonNull(car, "A car is required.");
            if (finalPosition < 1 || finalPosition > fieldSize) {
                throw new IllegalArgumentException("The final position must be between 1 and the field size.");
            }
            if (competitiveness < 0 || competitiveness > 10) {
                throw new IllegalArgumentException("Competitiveness is 0 to 10.");
            }
        }
    }

    public RaceResult(UUID userId, UUID installationId, UUID sessionId, Race race, Integer continuityScore,
            Outcome outcome, List<String> reasons, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = Objects.requireNonNull(userId);
        this.installationId = Objects.requireNonNull(installationId);
        this.sessionId = Objects.requireNonNull(sessionId);
        this.simPlatform = race.simPlatform();
        this.track = race.track();
        this.car = race.car();
        this.series = race.series();
        this.finalPosition = race.finalPosition();
        this.fieldSize = race.fieldSize();
        this.laps = race.laps();
        this.bestLapMs = race.bestLapMs();
        this.totalTimeMs = race.totalTimeMs();
        this.competitiveness = race.competitiveness();
        this.continuityScore = continuityScore;
        this.outcome = Objects.requireNonNull(outcome);
        this.reasons = String.join(",", reasons);
        this.submittedAt = Objects.requireNonNull(now);
    }

    /**
     * A reviewer's decision: {@code VERIFIED} (counted from now on) or {@code REJECTED} (never counted).
     * A result already in that outcome is refused, so a repeated click cannot be mistaken for a change.
     */
    public void review(Outcome decision, UUID reviewer, String note, Instant now) {
        if (decision != Outcome.VERIFIED && decision != Outcome.REJECTED) {
            throw new IllegalArgumentException("A review verifies or rejects, not " + decision);
        }
        if (outcome == decision) {
            throw new ConflictException("result-already-" + decision.id(), "Result already " + decision.id(),
                    "This result is already " + decision.id() + ".");
        }
        this.outcome = decision;
        this.reviewedBy = Objects.requireNonNull(reviewer);
        this.reviewNote = Objects.requireNonNull(note);
        this.reviewedAt = Objects.requireNonNull(now);
    }

    public UUID reviewedBy() {
        return reviewedBy;
    }

    public Instant reviewedAt() {
        return reviewedAt;
    }

    public String reviewNote() {
        return reviewNote;
    }

    public long version() {
        return version;
    }

    public boolean podium() {
        return finalPosition <= 3;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public SimPlatform simPlatform() {
        return simPlatform;
    }

    public String track() {
        return track;
    }

    public String car() {
        return car;
    }

    public String series() {
        return series;
    }

    public int finalPosition() {
        return finalPosition;
    }

    public int fieldSize() {
        return fieldSize;
    }

    public int laps() {
        return laps;
    }

    public long bestLapMs() {
        return bestLapMs;
    }

    public long totalTimeMs() {
        return totalTimeMs;
    }

    public int competitiveness() {
        return competitiveness;
    }

    public Integer continuityScore() {
        return continuityScore;
    }

    public Outcome outcome() {
        return outcome;
    }

    public List<String> reasons() {
        return reasons == null || reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(","));
    }

    public Instant submittedAt() {
        return submittedAt;
    }
}
