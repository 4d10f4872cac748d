package io.paddock.identity.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.ApiKey;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;

/**
 * API keys: {@code pdk_<prefix>_<secret>}. The prefix finds the row, the secret's SHA-256 is
 * compared in constant time. Keys act with their owner's role.
 */
@Stateless
public class ApiKeys {

    public static final String SCHEME = "pdk_";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public record Created(ApiKey key, String secret) {
    }

    public Created create(UUID userId, String name, Instant expiresAt) {
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidRequestException("invalid-expiry", "Invalid expiry", "An API key must expire in the future.");
        }
        User user = em.find(User.class, userId);
        String prefix = SCHEME + RandomSecrets.code(8);
        String secret = RandomSecrets.token();
        ApiKey key = new ApiKey(user, name, prefix, Digests.tokenHash(secret), now, expiresAt);
        em.persist(key);
        return new Created(key, prefix + "_" + secret);
    }

    public List<ApiKey> of(UUID userId) {
        return em.createNamedQuery(ApiKey.OF_USER, ApiKey.class).setParameter("userId", userId).getResultList();
    }

    public void revoke(UUID userId, UUID keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null || !key.user().id().equals(userId)) {
            throw new ResourceNotFoundException("api-key-not-found", "API key not found", "You have no API key " + keyId + ".");
        }
        key.revoke(clock.instant());
    }

    public static boolean looksLikeKey(String credential) {
        return credential.startsWith(SCHEME);
    }

    /** The caller of the usable key a presented credential matches; the key's use is recorded. */
    public Optional<Caller> authenticate(String credential) {
        int split = credential.indexOf('_', SCHEME.length());
        if (split < 0) {
            return Optional.empty();
        }
        String prefix = credential.substring(0, split);
        String secret = credential.substring(split + 1);
        List<ApiKey> found = em.createNamedQuery(ApiKey.BY_PREFIX, ApiKey.class).setParameter("prefix", prefix)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get(0);
        Instant now = clock.instant();
        if (!Digests.matchesHash(key.secretHash(), secret) || !key.usableAt(now)) {
            return Optional.empty();
        }
        key.used(now);
        User user = key.user();
        return Optional.of(new Caller(user.id(), user.displayName(), user.role(), AuthMethod.API_KEY,
                Caller.Credential.API_KEY, null));
    }
}
