package io.paddock.identity.control;

import java.security.Principal;
import java.util.Objects;
import java.util.UUID;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.Role;
import io.paddock.platform.audit.ActingUser;

/**
 * Who is calling: resolved by {@link CallerResolver} from a bearer token, an API key or a browser session, once
 * per request by the authentication module. {@code sessionId} is set only for browser sessions.
 */
public record Caller(UUID userId, String displayName, Role role, AuthMethod method, Credential credential,
        UUID sessionId) implements Principal, ActingUser {

    /** What the request carried. */
    public enum Credential {
        ACCESS_TOKEN, API_KEY, SESSION
    }

    public Caller {
        Objects.requireNonNull(userId);
        Objects.requireNonNull(role);
        Objects.requireNonNull(credential);
    }

    @Override
    public String getName() {
        return userId.toString();
    }

    public boolean is(Role atLeast) {
        return role.includes(atLeast);
    }

    /** An admin or above: may manage what other users own. */
    public boolean isAdmin() {
        return is(Role.ADMIN);
    }
}
