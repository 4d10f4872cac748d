package io.paddock.platform.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The server's own keys: a 32-byte key comes from configuration (base64) when the operator set one,
 * otherwise it is generated once and kept in {@code server_keys}, where every node finds the same one.
 * Modules also keep small named values here, such as the fingerprint of the key their stored hashes
 * were derived with. Generation is race-free across nodes: the first insert wins and every starter
 * reads the winner back ({@code ON CONFLICT DO NOTHING}, which JPQL cannot express, hence native SQL).
 * <p>
 * A generated key lives in the same database as what it protects, so production should configure
 * each one (docs/configuration.md).
 */
@Singleton
@DependsOn("DatabaseMigrator")
@Lock(LockType.READ)
public class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class.getName());
    static final int KEY_BYTES = 32;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * The 32-byte key {@code name}: the configured value of {@code configKey} when set (a value that is
     * not base64 of 32 bytes stops the start with a message naming the key), else the stored one, else a
     * new random key stored under {@code name}.
     */
    public byte[] key(String name, String configKey, Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return decodeConfigured(configKey, configured.get());
        }
        Optional<String> stored = value(name);
        if (stored.isPresent()) {
            return Base64.getDecoder().decode(stored.get());
        }
        byte[] raw = RandomSecrets.bytes(KEY_BYTES);
        if (putIfAbsent(name, Base64.getEncoder().encodeToString(raw))) {
            LOG.info("Generated the server key '" + name + "' (set " + configKey + " to supply one).");
            return raw;
        }
        return Base64.getDecoder().decode(value(name).orElseThrow()); // another node generated it first
    }

    /** A configured key: base64 of exactly 32 bytes, or an {@link IllegalStateException} that says so. */
    public static byte[] decodeConfigured(String configKey, String configured) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(configKey + " must be base64 of 32 bytes "
                    + "(e.g. openssl rand -base64 32), or unset to use a generated key.");
        }
        return raw;
    }

    public Optional<String> value(String name) {
        List<?> rows = em.createNativeQuery("SELECT value FROM server_keys WHERE name = ?1").setParameter(1, name)
                .getResultList();
        return rows.stream().map(String.class::cast).findFirst();
    }

    /** Stores {@code value} under {@code name} unless a value is there already; true if it was stored. */
    public boolean putIfAbsent(String name, String value) {
        return em.createNativeQuery("INSERT INTO server_keys (name, value, created_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (name) DO NOTHING").setParameter(1, name).setParameter(2, value)
                .setParameter(3, Timestamp.from(clock.instant())).executeUpdate() == 1;
    }

    /** Stores {@code value} under {@code name}, replacing what was there. */
    public void put(String name, String value) {
        em.createNativeQuery("INSERT INTO server_keys (name, value, created_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, created_at = EXCLUDED.created_at")
                .setParameter(1, name).setParameter(2, value).setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate();
    }
}
