package io.paddock.platform.web;

import java.io.IOException;
import java.util.logging.Level;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.ids.Ids;

/**
 * Gives every request a correlation id (the caller's {@code X-Request-Id} when it is sane, a new
 * UUID otherwise), returns it in the response, and writes one access-log line per API request
 * ({@link AccessLog}: queued on the request, written by a thread of its own).
 * Problems carry the same id, so a user's error report leads straight to the log line.
 * <p>
 * Mapped in web.xml, where the filters' order is written down.
 */
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final long serialVersionUID = 1L;

    private transient AccessLog accessLog;

    @Override
    public void init() {
        accessLog = new AccessLog();
    }

    @Override
    public void destroy() {
        if (accessLog != null) {
            accessLog.stop();
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // A handshake's id stays in the access log only: see WebSocketHandshakes.
        String requestId = WebSocketHandshakes.isHandshake(request) ? ensure(request, null) : ensure(request, response);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String path = request.getRequestURI();
            Level level = path.startsWith("/api/") ? Level.INFO : Level.FINE;
            if (AccessLog.loggable(level)) {
                accessLog.add(level, request.getMethod(), path, response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000, requestId);
            }
        }
    }

    /** The caller's id when it is short and plain (it ends up in logs), a fresh UUID otherwise. */
    static String acceptOrGenerate(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : Ids.random().toString();
    }

    /**
     * The request's id, assigned now if nothing assigned it yet: the authentication module runs
     * before servlet filters and may answer a request itself. The response, unless null, carries it
     * (also when the id was assigned earlier without a header, as for a WebSocket handshake that is
     * then refused).
     */
    public static String ensure(HttpServletRequest request, HttpServletResponse response) {
        Object existing = request.getAttribute(ATTRIBUTE);
        String requestId = existing != null ? existing.toString() : acceptOrGenerate(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        if (response != null) {
            response.setHeader(HEADER, requestId);
        }
        return requestId;
    }

    /** The id this filter gave the request, or "-" outside an HTTP request. */
    public static String requestIdOf(ServletRequest request) {
        try {
            Object id = request == null ? null : request.getAttribute(ATTRIBUTE);
            return id == null ? "-" : id.toString();
        } catch (IllegalStateException outsideRequest) {
            return "-";
        }
    }
}
