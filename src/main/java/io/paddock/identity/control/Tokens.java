package io.paddock.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.RefreshToken;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;

/** Issues access/refresh token pairs and rotates refresh tokens, revoking a family on reuse. */
@Stateless
public class Tokens {

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessTokens accessTokens;

    @Inject
    Clock clock;

    @Inject
    TokenReuse reuse;

    @Inject
    @ConfigProperty(name = "paddock.jwt.refresh-token-ttl", defaultValue = "P30D")
    Duration refreshLifetime;

    public TokenPair issue(User user, AuthMethod method) {
        return issueInFamily(user, method, UUID.randomUUID());
    }

    private TokenPair issueInFamily(User user, AuthMethod method, UUID family) {
        if (user.suspended()) {
            throw Suspensions.accountSuspended(); // a sign-in or a refresh: rolled back, the refresh token kept
        }
        Instant now = clock.instant();
        String refresh = RandomSecrets.token();
        em.persist(new RefreshToken(user, family, Digests.tokenHash(refresh), method, now, now.plus(refreshLifetime)));
        BrowserSessions.markSeen(em, user, now);
        AccessTokens.Issued access = accessTokens.issue(user, method);
        return new TokenPair(access.token(), "Bearer", Duration.between(now, access.expiresAt()).toSeconds(),
                access.expiresAt(), refresh, method.id());
    }

    /**
     * Exchanges a refresh token for a new pair. A token that was already used means two parties hold
     * it: the whole family is revoked (committed even though this call is refused) and both must sign in again.
     */
    public TokenPair refresh(String refreshToken) {
        List<RefreshToken> found = em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", Digests.tokenHash(refreshToken)).getResultList();
        if (found.isEmpty()) {
            throw invalid();
        }
        RefreshToken token = found.get(0);
        Instant now = clock.instant();
        if (token.consumed()) {
            throw reused(token);
        }
        if (!token.usableAt(now)) {
            throw invalid();
        }
        // Claim it atomically: of two concurrent refreshes with one token, exactly one wins.
        int claimed = em.createNamedQuery(RefreshToken.CONSUME).setParameter("id", token.id())
                .setParameter("now", now).executeUpdate();
        if (claimed == 0) {
            throw reused(token);
        }
        return issueInFamily(token.user(), token.authMethod(), token.familyId());
    }

    /** Revokes every refresh token of a user ("sign out everywhere", password change). */
    public void revokeAll(UUID userId) {
        em.createNamedQuery(RefreshToken.REVOKE_ALL_OF_USER).setParameter("now", clock.instant())
                .setParameter("userId", userId).executeUpdate();
    }

    /** Revokes the family of the given refresh token, if it is one of ours (sign-out of a plugin). */
    public void revoke(String refreshToken) {
        em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", Digests.tokenHash(refreshToken)).getResultList()
                .forEach(token -> reuse.revokeFamily(token.familyId()));
    }

    private UnauthenticatedException reused(RefreshToken token) {
        reuse.revokeFamily(token.familyId());
        return new UnauthenticatedException("refresh-token-reused", "Refresh token reused",
                "This refresh token was already used, so every token issued from it has been revoked. Sign in again.");
    }

    private static UnauthenticatedException invalid() {
        return new UnauthenticatedException("invalid-refresh-token", "Invalid refresh token",
                "The refresh token is unknown, expired or revoked. Sign in again.");
    }

    /** Revokes a family in its own transaction, so the revocation survives the refusal's rollback. */
    @Stateless
    public static class TokenReuse {

        @PersistenceContext
        EntityManager em;

        @Inject
        Clock clock;

        @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
        public void revokeFamily(UUID familyId) {
            em.createNamedQuery(RefreshToken.REVOKE_FAMILY).setParameter("now", clock.instant())
                    .setParameter("familyId", familyId).executeUpdate();
        }
    }
}
