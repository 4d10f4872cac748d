package io.paddock.racing.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.security.ConstantTime;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.Hmac;
import io.paddock.platform.security.ServerKeys;
import io.paddock.racing.entity.Invite;
import io.paddock.racing.entity.Participant;

/**
 * Mod and invite tokens without storing them. A pack is built on demand and must carry its mod token,
 * and the organizer's page shows invite links again, so the tokens are <em>derived</em>:
 * {@code hex(HMAC-SHA256(key, "mod-token:" + participant id + ":" + generation))} and
 * {@code hex(HMAC-SHA256(key, "invite-token:" + invite id))}, the first 24 bytes (48 hex characters,
 * the format the tokens always had on the wire). The database keeps only SHA-256 of each token, so a
 * dump without the key reveals no usable token.
 * <p>
 * The key is {@code paddock.racing.token-key} (base64 of 32 bytes) or, when unset, generated on first
 * start and kept by {@link ServerKeys} as {@code racing.token-key} (then a dump does hold the key:
 * set it in production). At
 * startup the stored hashes are derived again when the key is not the one they were derived with (a
 * changed key, or rows migrated by V7), which revokes every token of the old key.
 */
@Startup
@Singleton
@DependsOn("ServerKeys")
@Lock(LockType.READ)
public class RaceTokens {

    private static final Logger LOG = Logger.getLogger(RaceTokens.class.getName());
    private static final int TOKEN_BYTES = 24;
    static final String CONFIG_KEY = "paddock.racing.token-key";
    static final String KEY_NAME = "racing.token-key";
    /** Fingerprint of the key the stored hashes were derived with. */
    static final String KEY_ID_NAME = "racing.token-key-id";

    @PersistenceContext
    EntityManager em;

    @Inject
    ServerKeys serverKeys;

    @Inject
    @ConfigProperty(name = CONFIG_KEY)
    Optional<String> configuredKey;

    private byte[] key;

    @PostConstruct
    void load() {
        key = serverKeys.key(KEY_NAME, CONFIG_KEY, configuredKey);
        deriveStoredHashes();
    }

    /** For unit tests: derivation under a given key, without a database. */
    static RaceTokens withKey(byte[] raw) {
        RaceTokens tokens = new RaceTokens();
        tokens.key = raw.clone();
        return tokens;
    }

    /**
     * Stores, for every participant and invite lacking one (rows migrated by V7), the hash of its
     * derived token; when the key is not the one the stored hashes were derived with, derives them all
     * again (which revokes the old key's tokens). Runs at startup.
     */
    public int deriveStoredHashes() {
        String fingerprint = hmacHex("token-key-id", 8);
        Optional<String> derivedWith = serverKeys.value(KEY_ID_NAME);
        boolean keyChanged = derivedWith.isPresent() && !derivedWith.get().equals(fingerprint);
        int derived = 0;
        // Only rows lacking a hash are read unless the key changed: a normal start loads nothing.
        for (Participant p : em.createNamedQuery(Participant.TO_DERIVE, Participant.class)
                .setParameter("all", keyChanged).getResultList()) {
            p.tokenDerivedAgain(hash(modToken(p.id(), p.tokenGeneration())));
            derived++;
        }
        for (Invite i : em.createNamedQuery(Invite.TO_DERIVE, Invite.class).setParameter("all", keyChanged)
                .getResultList()) {
            i.tokenDerivedAgain(hash(inviteToken(i.id())));
            derived++;
        }
        if (derivedWith.isEmpty() || keyChanged) {
            serverKeys.put(KEY_ID_NAME, fingerprint);
        }
        if (keyChanged) {
            LOG.warning("paddock.racing.token-key changed: every pack and invite link now carries a new token; "
                    + "the old key's tokens no longer work.");
        }
        if (derived > 0) {
            LOG.info("Derived " + derived + " racing token hashes under the current token key.");
        }
        return derived;
    }

    /** The participant holding this mod token (current or pre-V7), if any. */
    public Optional<Participant> participant(String token) {
        return byToken(Participant.BY_TOKEN, Participant.class, token, Participant::modTokenHash,
                Participant::legacyTokenHash);
    }

    /** The invite of this token (current or pre-V7), if any. */
    public Optional<Invite> invite(String token) {
        return byToken(Invite.BY_TOKEN, Invite.class, token, Invite::tokenHash, Invite::legacyTokenHash);
    }

    /** The row whose current or legacy hash is the token's, compared again in constant time. */
    private <T> Optional<T> byToken(String query, Class<T> type, String token, Function<T, String> current,
            Function<T, String> legacy) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(token);
        return em.createNamedQuery(query, type).setParameter("hash", hash).getResultStream()
                .filter(row -> sameHash(current.apply(row), hash) || sameHash(legacy.apply(row), hash)).findFirst();
    }

    private static boolean sameHash(String stored, String hash) {
        return stored != null && ConstantTime.equal(stored, hash);
    }

    /** The mod token of this participant's token generation (what the pack and the download URL carry). */
    public String modToken(UUID participantId, int generation) {
        return hmacHex("mod-token:" + participantId + ":" + generation, TOKEN_BYTES);
    }

    /** The token of an invite link. */
    public String inviteToken(UUID inviteId) {
        return hmacHex("invite-token:" + inviteId, TOKEN_BYTES);
    }

    /** What is stored and looked up: SHA-256 (hex) of a token. */
    public static String hash(String token) {
        return Digests.tokenHash(token);
    }

    /** Whether a found row's stored hash is this token's (constant time). */
    public static boolean matches(String storedHash, String token) {
        return Digests.matchesHash(storedHash, token);
    }

    /** The first {@code bytes} bytes of HMAC-SHA256(key, message), in lower-case hex. */
    private String hmacHex(String message, int bytes) {
        byte[] digest = Hmac.sha256(key, message.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(Arrays.copyOf(digest, bytes));
    }
}
