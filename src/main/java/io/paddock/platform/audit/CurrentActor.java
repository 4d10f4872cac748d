package io.paddock.platform.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.paddock.platform.errors.UnauthenticatedException;

/** Who acts in the current HTTP request, as an {@link AuditTrail.Actor}; for modules that record actions. */
@RequestScoped
public class CurrentActor {

    @Inject
    HttpServletRequest request;

    /** The signed-in caller, or a 401 problem. */
    public AuditTrail.Actor require() {
        if (request.getAttribute(ActingUser.ATTRIBUTE) instanceof ActingUser user) {
            return new AuditTrail.Actor(user.userId(), user.displayName());
        }
        throw new UnauthenticatedException("unauthenticated", "Authentication required",
                "Sign in or send a valid bearer token.");
    }
}
