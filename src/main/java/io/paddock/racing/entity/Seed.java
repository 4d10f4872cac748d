package io.paddock.racing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.persistence.ChangeTracking;

/** One generated seed of a pool: its graph, its layer count and where its files are. */
@Entity
@Table(name = "seeds")
@EntityListeners(ChangeTracking.class)
@NamedQuery(name = Seed.BY_NUMBER, query = "SELECT s FROM Seed s WHERE s.poolName = :pool AND s.seedNumber = :number")
@NamedQuery(name = Seed.AVAILABLE_IN, query = "SELECT s FROM Seed s WHERE s.poolName = :pool "
        + "AND s.status = io.paddock.racing.entity.SeedStatus.AVAILABLE")
@NamedQuery(name = Seed.COUNTS, query = "SELECT s.poolName, s.status, COUNT(s) FROM Seed s GROUP BY s.poolName, s.status")
public class Seed {

    public static final String BY_NUMBER = "Seed.byNumber";
    public static final String AVAILABLE_IN = "Seed.availableIn";
    public static final String COUNTS = "Seed.counts";

    @Id
    private UUID id;
    private long seedNumber;
    private String poolName;
    private String graphJson;
    private int totalLayers;
    private String location;
    @Enumerated(EnumType.STRING)
    private SeedStatus status;
    private Instant createdAt;
    @Version
    private long version;

    protected Seed() {
    }

    public Seed(String poolName, long seedNumber, String graphJson, int totalLayers, String location, Instant now) {
        this.id = UUID.randomUUID();
        this.poolName = Objects.requireNonNull(poolName, "A seed needs a pool.");
        this.seedNumber = seedNumber;
        this.graphJson = Objects.requireNonNull(graphJson, "A seed needs its graph.");
        if (totalLayers < 0) {
            throw new IllegalArgumentException("total_layers cannot be negative.");
        }
        this.totalLayers = totalLayers;
        this.location = Objects.requireNonNull(location, "A seed needs a location.");
        this.status = SeedStatus.AVAILABLE;
        this.createdAt = now;
    }

    /** Drawn for a race: never drawn again. */
    public void consume() {
        if (status != SeedStatus.AVAILABLE) {
            throw new RaceConflict("seed-unavailable", "Seed not available", "Seed " + seedNumber + " is " + status + ".");
        }
        status = SeedStatus.CONSUMED;
    }

    /** Replaced by a re-roll: never drawn again either. */
    public void discard() {
        status = SeedStatus.DISCARDED;
    }

    public UUID id() {
        return id;
    }

    public long seedNumber() {
        return seedNumber;
    }

    public String poolName() {
        return poolName;
    }

    public String graphJson() {
        return graphJson;
    }

    public int totalLayers() {
        return totalLayers;
    }

    public String location() {
        return location;
    }

    public SeedStatus status() {
        return status;
    }
}
