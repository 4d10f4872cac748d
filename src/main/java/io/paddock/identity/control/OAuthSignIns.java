package io.paddock.identity.control;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.identity.control.Accounts.ProviderProfile;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.Provider;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.security.ConstantTime;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;
import io.paddock.platform.web.SameSitePath;

/**
 * The browser sign-in with Discord or Twitch, from the redirect to the provider to the callback.
 * Deliberately not transactional: the provider is called between two short transactions (using up
 * the state, then signing in or linking), never while the database waits.
 */
@ApplicationScoped
public class OAuthSignIns {

    private static final Logger LOG = Logger.getLogger(OAuthSignIns.class.getName());

    @Inject
    OAuthStates states;

    @Inject
    DiscordClient discord;

    @Inject
    TwitchClient twitch;

    @Inject
    ProviderSignIns signIns;

    /**
     * How a callback ended. {@code session} is set when a new browser session was started (sign-in);
     * a link keeps the current session. On failure {@code error} is a problem slug: the Gate page says what
     * it means, so no text of ours (or of the provider's) travels in its URL.
     */
    public record Outcome(Optional<BrowserSessions.Started> session, boolean linked, Provider provider, String error,
            String returnTo) {

        public boolean succeeded() {
            return error == null;
        }

        static Outcome failed(Provider provider, String error) {
            return failed(provider, error, null);
        }

        /** A failure after the state was read: the page that asked is known, so a retry can return there. */
        static Outcome failed(Provider provider, String error, String returnTo) {
            return new Outcome(Optional.empty(), false, provider, error, returnTo);
        }
    }

    /** A started sign-in: where to send the browser, and the state to bind to it (cookie). */
    public record Started(String authorizeUrl, String state) {
    }

    /**
     * Starts a sign-in (the provider's authorize URL and the state), or a link to the caller's account
     * when {@code link} is set (the caller asked for {@code ?link=1} while signed in). {@code returnTo} is a page of
     * this site to return to once signed in ({@link SameSitePath}; anything else is ignored).
     */
    public Started begin(Provider provider, Optional<Caller> caller, boolean link, String returnTo) {
        UUID linkUserId = null;
        if (link) {
            linkUserId = caller.orElseThrow(() -> new UnauthenticatedException("unauthenticated",
                    "Authentication required", "Sign in first to link another provider to your account.")).userId();
        }
        String verifier = RandomSecrets.token();
        String state = states.open(provider, verifier, linkUserId, SameSitePath.of(returnTo).orElse(null));
        String url = switch (provider) {
            // PKCE S256 (RFC 7636): the challenge is base64url(SHA-256(verifier)).
            case DISCORD -> discord.authorizeUrl(state, Digests.sha256Base64Url(verifier));
            case TWITCH -> twitch.authorizeUrl(state);
            default -> throw new IllegalArgumentException("No OAuth2 flow for " + provider);
        };
        return new Started(url, state);
    }

    /**
     * Completes a callback; never throws, so the boundary can always redirect to the Gate page.
     * {@code browserState} is the state from the cookie set when the sign-in started: a callback
     * opened in another browser (a forwarded link) is refused before its state is looked at.
     */
    public Outcome complete(Provider provider, String code, String state, String browserState, String providerError,
            String userAgent, String ipAddress) {
        String returnTo = null;
        try {
            if (state != null && !state.isBlank() && !ConstantTime.equal(state, browserState)) {
                return Outcome.failed(provider, "state-mismatch");
            }
            OAuthStates.Pending pending = states.consume(provider, state);
            returnTo = pending.returnTo();
            if (providerError != null && !providerError.isBlank()) {
                if (!"access_denied".equals(providerError)) { // not the user's cancel: the operator may need to know
                    String shown = providerError.replaceAll("[^\\x20-\\x7e]", "?");
                    LOG.log(Level.INFO, "{0} refused a sign-in: {1}",
                            new Object[] {provider, shown.substring(0, Math.min(shown.length(), 100))});
                }
                return Outcome.failed(provider, "access-denied", returnTo);
            }
            if (code == null || code.isBlank()) {
                return Outcome.failed(provider, "missing-code", returnTo);
            }
            ProviderProfile profile = provider == Provider.DISCORD
                    ? discord.profileFor(code, pending.codeVerifier(), discord.webRedirectUri())
                    : twitch.profileFor(code);
            if (pending.linkUserId() != null) {
                signIns.link(pending.linkUserId(), profile);
                return new Outcome(Optional.empty(), true, provider, null, pending.returnTo());
            }
            AuthMethod method = provider == Provider.DISCORD ? AuthMethod.WEB : AuthMethod.TWITCH;
            BrowserSessions.Started started = signIns.signInWithSession(profile, method, userAgent, ipAddress);
            return new Outcome(Optional.of(started), false, provider, null, pending.returnTo());
        } catch (PaddockException e) {
            return Outcome.failed(provider, e.slug(), returnTo);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PaddockException paddock) { // wrapped by a container on the way out
                return Outcome.failed(provider, paddock.slug(), returnTo);
            }
            LOG.log(Level.SEVERE, "OAuth2 callback failed", e);
            return Outcome.failed(provider, "sign-in-failed", returnTo);
        }
    }
}
