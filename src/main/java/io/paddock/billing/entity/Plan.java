package io.paddock.billing.entity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.billing.control.Limit;

/**
 * A plan: its limits (-1 unlimited), its monthly price ({@code null}: on request, no checkout) and the
 * Stripe price checkout sells. Exactly one plan is the default, the one every user without another
 * assignment is on.
 */
@Entity
@Table(name = "plans")
@NamedQuery(name = Plan.ALL, query = "SELECT p FROM Plan p ORDER BY p.position")
public class Plan {

    public static final String ALL = "Plan.all";
    public static final long UNLIMITED = -1;

    @Id
    private String id;
    private String name;
    private int position;
    private Integer priceCents;
    private String currency;
    private String stripePriceId;
    private boolean isDefault;
    private long concurrentJobs;
    private long storageBytes;
    private long retentionDays;
    private long openRaces;
    private long participantsPerRace;
    private Instant updatedAt;
    @Version
    private long version;

    protected Plan() {
    }

    /** The limits of a plan, in the order of {@link Limit}. */
    public record Limits(long concurrentJobs, long storageBytes, long retentionDays, long openRaces,
            long participantsPerRace) {

        public Limits {
            for (long value : new long[] {concurrentJobs, storageBytes, retentionDays, openRaces, participantsPerRace}) {
                if (value < UNLIMITED) {
                    throw new IllegalArgumentException("A limit is -1 (unlimited) or at least 0.");
                }
            }
        }
    }

    /** A superadmin's edit: everything but the id, the position and which plan is the default. */
    public void edit(String name, Integer priceCents, String stripePriceId, Limits limits, Instant now) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A plan needs a name.");
        }
        if (priceCents != null && priceCents < 0) {
            throw new IllegalArgumentException("A price is not negative.");
        }
        this.name = name.strip();
        this.priceCents = priceCents;
        this.stripePriceId = stripePriceId == null || stripePriceId.isBlank() ? null : stripePriceId.strip();
        this.concurrentJobs = limits.concurrentJobs();
        this.storageBytes = limits.storageBytes();
        this.retentionDays = limits.retentionDays();
        this.openRaces = limits.openRaces();
        this.participantsPerRace = limits.participantsPerRace();
        this.updatedAt = now;
    }

    /** What the plan allows; {@link #UNLIMITED} for no bound. */
    public long allowed(Limit limit) {
        return switch (limit) {
            case CONCURRENT_JOBS -> concurrentJobs;
            case STORAGE_BYTES -> storageBytes;
            case RETENTION_DAYS -> retentionDays;
            case OPEN_RACES -> openRaces;
            case PARTICIPANTS_PER_RACE -> participantsPerRace;
        };
    }

    /** Whether the plan allows {@code amount} of the limit. */
    public boolean allows(Limit limit, long amount) {
        long allowed = allowed(limit);
        return allowed == UNLIMITED || amount <= allowed;
    }

    /** Whether checkout can sell it: it has a price and a Stripe price to charge. */
    public boolean forSale() {
        return priceCents != null && priceCents > 0 && stripePriceId != null;
    }

    /** The plan as stored, for the edit history. */
    public Map<String, Object> snapshot() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("price_cents", priceCents);
        values.put("stripe_price_id", stripePriceId);
        for (Limit limit : Limit.values()) {
            values.put(limit.name().toLowerCase(java.util.Locale.ROOT), allowed(limit));
        }
        return values;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int position() {
        return position;
    }

    public Integer priceCents() {
        return priceCents;
    }

    public String currency() {
        return currency;
    }

    public String stripePriceId() {
        return stripePriceId;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
