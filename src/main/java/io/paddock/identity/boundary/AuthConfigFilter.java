package io.paddock.identity.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.paddock.platform.web.PreparedJson;
import io.paddock.platform.web.PreparedJsonFilter;

/**
 * {@code GET /api/auth/config} from bytes encoded once ({@link PublicSettings}) before JAX-RS: every page
 * of the site asks for it. The answer is {@link AuthResource#config}'s, byte for byte.
 */
public class AuthConfigFilter extends PreparedJsonFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PublicSettings settings;

    @Override
    protected PreparedJson prepared(HttpServletRequest request) {
        return settings.json();
    }
}
