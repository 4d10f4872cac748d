package io.paddock.identity.boundary;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} (method first, then class) on
 * every resource: no caller → 401, a caller whose role is too low → 403, both as problem+json.
 * (Jersey's own RolesAllowedDynamicFeature answers 403 to anonymous callers too.)
 */
@Provider
public class RoleCheckFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        AnnotatedElement method = resource.getResourceMethod();
        AnnotatedElement type = resource.getResourceClass();
        if (method.isAnnotationPresent(DenyAll.class)) {
            context.register(new Check(null));
        } else if (method.isAnnotationPresent(RolesAllowed.class)) {
            context.register(new Check(method.getAnnotation(RolesAllowed.class).value()));
        } else if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        } else if (type.isAnnotationPresent(DenyAll.class)) {
            context.register(new Check(null));
        } else if (type.isAnnotationPresent(RolesAllowed.class)) {
            context.register(new Check(type.getAnnotation(RolesAllowed.class).value()));
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
