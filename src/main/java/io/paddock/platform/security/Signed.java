package io.paddock.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access declaration of an endpoint that authenticates each request by a signature over the request
 * itself (an HMAC with a shared secret: the SimHub plugin's installation secret, a Stripe webhook secret,
 * the Discord bot's internal events), not by a user credential. The endpoint verifies the signature
 * itself and refuses an unsigned or badly signed request.
 * <p>
 * Stands beside {@code @PermitAll}, {@code @RolesAllowed} and {@code @DenyAll}: on a JAX-RS resource
 * method or class, or on a servlet class. The paths of signed endpoints are computed once at startup
 * ({@link EndpointDeclarations}); the authentication module does not resolve a user on them, so a user
 * credential sent with a signed request is ignored and grants nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Signed {
}
