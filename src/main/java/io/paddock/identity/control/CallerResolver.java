package io.paddock.identity.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.platform.security.Digests;

/**
 * The one place that turns a presented credential into a {@link Caller}: a bearer credential (a Paddock
 * access token or an API key) or a browser session cookie. The authentication module uses it for every
 * request; other modules use it for credentials that arrive outside HTTP authentication, such as the
 * token in a spectator socket's {@code auth} message. A suspended account's credentials resolve to nobody.
 */
@ApplicationScoped
public class CallerResolver {

    @Inject
    AccessTokens accessTokens;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BrowserSessions sessions;

    @Inject
    Suspensions suspensions;

    /** The caller of a browser session, with the hash of the session's CSRF token. */
    public record SessionCaller(Caller caller, String csrfHash) {

        /** Whether {@code csrfToken} is this session's CSRF token (constant time). */
        public boolean csrfMatches(String csrfToken) {
            return Digests.matchesHash(csrfHash, csrfToken);
        }
    }

    /** The caller a bearer credential names: an access token, or an API key ({@code pdk_…}); empty when not valid. */
    public Optional<Caller> bearer(String credential) {
        if (credential == null || credential.isBlank()) {
            return Optional.empty();
        }
        Optional<Caller> caller = ApiKeys.looksLikeKey(credential) ? apiKeys.authenticate(credential)
                : accessTokens.verify(credential);
        return caller.filter(c -> !suspensions.suspended(c.userId()));
    }

    /**
     * Whether the user's account is suspended: every credential of theirs is refused while it is, including
     * those other modules check themselves (a plugin installation's signed requests, a racing mod token).
     */
    public boolean suspended(java.util.UUID userId) {
        return suspensions.suspended(userId);
    }

    /** Refuses (403 {@code account-suspended}) when the user's account is suspended. */
    public void requireActive(java.util.UUID userId) {
        suspensions.requireActive(userId);
    }

    /** The caller of the active session this cookie token names (its expiry slid forward); empty otherwise. */
    public Optional<SessionCaller> session(String cookieToken) {
        if (cookieToken == null || cookieToken.isBlank()) {
            return Optional.empty();
        }
        return sessions.authenticate(cookieToken).filter(s -> !suspensions.suspended(s.caller().userId()));
    }
}
