package io.paddock.identity.control;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.paddock.platform.audit.ActingUser;
import io.paddock.platform.errors.UnauthenticatedException;

/** The caller of the current HTTP request, as the authentication module resolved it. */
@RequestScoped
public class CurrentCaller {

    /** Shared with modules that see the caller only as an {@link ActingUser}. */
    public static final String ATTRIBUTE = ActingUser.ATTRIBUTE;

    @Inject
    HttpServletRequest request;

    public Optional<Caller> get() {
        return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }

    /** The caller, or a 401 problem; for endpoints that also serve anonymous callers. */
    public Caller require() {
        return get().orElseThrow(() -> new UnauthenticatedException("unauthenticated", "Authentication required",
                "Sign in or send a valid bearer token."));
    }
}
