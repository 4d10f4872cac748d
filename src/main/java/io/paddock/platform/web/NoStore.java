package io.paddock.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource method whose answers carry a secret (a new API key, a token pair, an installation
 * secret, a session cookie): {@link NoStoreFilter} tells every cache, the browser's included, not to keep
 * them. Refusals from the same method carry the headers too.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NoStore {
}
