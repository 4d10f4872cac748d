package io.paddock.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An everyday read answered from a {@link PreparedJson} before JAX-RS; whatever the prepared answer does
 * not take (see {@link PreparedJson#eligible} and {@link PreparedJson#writeTo}) goes on to the resource
 * method, which stays the documented endpoint and answers the same bytes. Mapped in web.xml after the
 * filters every request passes (request id and access log, security headers, query text).
 */
public abstract class PreparedJsonFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The prepared answer to this request, or {@code null} when the resource method must answer it. */
    protected abstract PreparedJson prepared(HttpServletRequest request);

    /** The {@code Cache-Control} value the resource method sets, or {@code null} for none. */
    protected String cacheControl() {
        return null;
    }

    @Override
    protected final void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PreparedJson.eligible(request)) {
            PreparedJson prepared = prepared(request);
            if (prepared != null && prepared.writeTo(request, response, cacheControl())) {
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
