package io.paddock.telemetry.control;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Presence of a plugin that sends the minimal {version} heartbeat with a Paddock bearer token rather than an
 * installation's signature (plugins older than signed requests keep working). It proves only that something
 * holding the user's token runs: it is kept as one row per user, shown as unverified, and nothing reads it for
 * member verification or a result's telemetry proof.
 */
@Stateless
public class PluginPresence {

    /** What a presence heartbeat answers in {@code code}: accepted, but as presence only. */
    public static final String UNVERIFIED_PRESENCE = "UNVERIFIED_PRESENCE";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** The last presence heartbeat of a user. */
    public record Seen(String pluginVersion, Instant firstSeenAt, Instant lastSeenAt) {
    }

    /**
     * Records a presence heartbeat; like a signed one, it comes at most every 3 s. One statement decides both
     * the rate and the write, so concurrent heartbeats of one user cannot both pass.
     */
    public Heartbeats.Answer record(UUID userId, String pluginVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        int written = em.createNativeQuery("INSERT INTO plugin_presence (user_id, plugin_version, first_seen_at, "
                + "last_seen_at) VALUES (?1, ?2, ?3, ?3) ON CONFLICT (user_id) DO UPDATE SET plugin_version = "
                + "EXCLUDED.plugin_version, last_seen_at = EXCLUDED.last_seen_at "
                + "WHERE plugin_presence.last_seen_at <= ?4")
                .setParameter(1, userId).setParameter(2, pluginVersion).setParameter(3, at)
                .setParameter(4, Timestamp.from(now.minus(TelemetryProof.MIN_INTERVAL))).executeUpdate();
        if (written == 0) {
            Duration wait = seen(userId).map(s -> TelemetryProof.MIN_INTERVAL.minus(Duration.between(s.lastSeenAt(), now)))
                    .filter(d -> !d.isNegative() && !d.isZero()).orElse(Duration.ofSeconds(1));
            return new Heartbeats.Answer(false, null, "RATE_LIMITED", wait);
        }
        return new Heartbeats.Answer(true, null, UNVERIFIED_PRESENCE, null);
    }

    public Optional<Seen> seen(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT plugin_version, first_seen_at, last_seen_at "
                + "FROM plugin_presence WHERE user_id = ?1").setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(r -> new Seen((String) r[0], instant(r[1]), instant(r[2])));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
