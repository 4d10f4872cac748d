package io.paddock.identity.control;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import io.paddock.identity.control.Accounts.ProviderProfile;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.User;

/** What a verified provider profile turns into, each in one transaction: a session, a token pair or a link. */
@Stateless
public class ProviderSignIns {

    @Inject
    Accounts accounts;

    @Inject
    BrowserSessions sessions;

    @Inject
    Tokens tokens;

    public BrowserSessions.Started signInWithSession(ProviderProfile profile, AuthMethod method, String userAgent,
            String ipAddress) {
        User user = accounts.signInWith(profile, method);
        return sessions.start(user, method, truncate(userAgent, 300), ipAddress);
    }

    public TokenPair signInWithTokens(ProviderProfile profile, AuthMethod method) {
        return tokens.issue(accounts.signInWith(profile, method), method);
    }

    public LinkedIdentity link(UUID userId, ProviderProfile profile) {
        return accounts.link(userId, profile);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
