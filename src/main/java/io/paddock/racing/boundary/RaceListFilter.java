package io.paddock.racing.boundary;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.web.PreparedJson;
import io.paddock.racing.entity.RaceStatus;

/**
 * {@code GET /api/races} from the list's snapshot bytes ({@link RaceListSnapshots}) before JAX-RS: the
 * home page's polling readers are the busiest read of the API. The answer is {@link RacesResource#list}'s,
 * byte for byte (body, {@code ETag}, {@code Cache-Control}, 304 on the tag); an unknown status and every
 * request {@link PreparedJson} does not take go on to that method. Mapped in web.xml, after the filters
 * every request passes (request id and access log, security headers, query text).
 */
public class RaceListFilter extends HttpFilter {

    /** What {@link RacesResource#list} sets: Jersey writes a {@code no-cache} CacheControl this way. */
    static final String REVALIDATE = "no-cache, no-transform";

    private static final long serialVersionUID = 1L;

    @Inject
    transient RaceListSnapshots snapshots;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PreparedJson.eligible(request)) {
            List<RaceStatus> statuses = RacesResource.statuses(request.getParameter("status"));
            if (statuses != null && snapshots.list(statuses).writeTo(request, response, REVALIDATE)) {
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
