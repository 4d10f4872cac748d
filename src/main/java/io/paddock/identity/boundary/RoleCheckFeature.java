package io.paddock.identity.boundary;

import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.security.AccessDeclaration;

/**
 * Enforces each resource method's access declaration ({@link AccessDeclaration}: method first, then class):
 * {@code @PermitAll} and {@code @Signed} need no user; {@code @RolesAllowed} needs one of the roles and
 * {@code @DenyAll} admits no one: no caller → 401, a caller whose role is too low → 403, both as problem+json.
 * (Jersey's own RolesAllowedDynamicFeature answers 403 to anonymous callers too.)
 * <p>
 * A method without a declaration never reaches here: the deployment stops first
 * ({@link io.paddock.platform.security.EndpointDeclarations}). Should one come from elsewhere (a library's
 * resource), it is closed to everyone rather than open.
 */
@Provider
public class RoleCheckFeature implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(RoleCheckFeature.class.getName());

    /**
     * Jersey adds an OPTIONS handler to every path. Paddock serves its pages and API from one origin (no
     * CORS preflight to answer), so these stay closed like any undeclared method, without a log line each.
     */
    private static final String JERSEY_OPTIONS = "org.glassfish.jersey.server.wadl.processor.OptionsMethodProcessor";

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Optional<AccessDeclaration> declaration = AccessDeclaration.effective(resource.getResourceMethod(),
                resource.getResourceClass());
        if (declaration.isEmpty()) {
            if (!resource.getResourceClass().getName().startsWith(JERSEY_OPTIONS)) {
                LOG.severe(() -> resource.getResourceClass().getName() + "." + resource.getResourceMethod().getName()
                        + "() declares no access (or more than one); it is closed to everyone.");
            }
            context.register(new Check(null));
            return;
        }
        switch (declaration.get().kind()) {
            case PUBLIC, SIGNED -> {
                // No user needed: anyone, or whoever signs the request (checked by the endpoint).
            }
            case DENIED -> context.register(new Check(null));
            case ROLES -> context.register(new Check(declaration.get().roles().toArray(String[]::new)));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {

        private final String[] roles;

        Check(String[] roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext context) {
            // Jersey's request properties are the servlet request's attributes, where the authentication module put the caller.
            Caller caller = (Caller) context.getProperty(CurrentCaller.ATTRIBUTE);
            if (caller == null) {
                throw new UnauthenticatedException("unauthenticated", "Authentication required",
                        "Sign in or send a valid bearer token.");
            }
            if (roles == null || Arrays.stream(roles).noneMatch(role -> caller.role().groups().contains(role))) {
                throw new AccessDeniedException("forbidden", "Forbidden", "Your role does not allow this action.");
            }
        }
    }
}
