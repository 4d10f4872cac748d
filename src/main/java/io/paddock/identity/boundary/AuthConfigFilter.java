package io.paddock.identity.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.web.PreparedJson;

/**
 * {@code GET /api/auth/config} from bytes encoded once ({@link PublicSettings}) before JAX-RS: every page
 * of the site asks for it. The answer is {@link AuthResource#config}'s, byte for byte; what
 * {@link PreparedJson} does not take goes on to that method. Mapped in web.xml, after the filters every
 * request passes (request id and access log, security headers, query text).
 */
public class AuthConfigFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PublicSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PreparedJson.eligible(request) && settings.json().writeTo(request, response, null)) {
            return;
        }
        chain.doFilter(request, response);
    }
}
