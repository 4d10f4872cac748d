package io.paddock.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.entity.OAuthState;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;

/**
 * Authorization requests in flight. The {@code state} sent to the provider is random and only its
 * hash is stored; it is valid for 10 minutes and for one callback.
 */
@Stateless
public class OAuthStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** What a callback needs from its authorization request. */
    public record Pending(Provider provider, String codeVerifier, UUID linkUserId, String returnTo) {
    }

    /** Remembers a new authorization request; returns the raw state for the authorize URL. */
    public String open(Provider provider, String codeVerifier, UUID linkUserId, String returnTo) {
        String state = RandomSecrets.token();
        Instant now = clock.instant();
        User linkUser = linkUserId == null ? null : em.getReference(User.class, linkUserId);
        em.persist(new OAuthState(Digests.tokenHash(state), provider, codeVerifier, linkUser, returnTo, now,
                now.plus(LIFETIME)));
        return state;
    }

    /**
     * Uses up the state of a callback. Committed on its own, so a callback that fails later (a
     * rejected code, a provider outage) still cannot be replayed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Pending consume(Provider provider, String state) {
        if (state == null || state.isBlank()) {
            throw invalid("The sign-in request carried no state. Start the sign-in again.");
        }
        OAuthState found = em.createNamedQuery(OAuthState.BY_HASH, OAuthState.class)
                .setParameter("hash", Digests.tokenHash(state))
                // Lock the row: of two concurrent callbacks with one state, exactly one gets it.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseThrow(() -> invalid("This sign-in request is unknown: it was not started here. Start the sign-in again."));
        if (found.provider() != provider) {
            throw invalid("This sign-in request was started for another provider.");
        }
        Instant now = clock.instant();
        if (!found.usableAt(now)) {
            if (found.usableAt(Instant.MIN)) { // unused, so it is past its lifetime
                throw new InvalidRequestException("state-expired", "Sign-in request expired",
                        "The sign-in took longer than 10 minutes. Start it again.");
            }
            throw new InvalidRequestException("state-used", "Sign-in request already used",
                    "This sign-in request was already completed. Start the sign-in again.");
        }
        found.use(now);
        return new Pending(found.provider(), found.codeVerifier(), found.linkUserId(), found.returnTo());
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException("invalid-state", "Invalid sign-in request", detail);
    }
}
