package io.paddock.platform.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Logger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.errors.ServletProblems;

/**
 * Refuses, before anything reads the request, a malformed URL ({@link MalformedUrls}: 400
 * {@code malformed-url}) and headers beyond Paddock's limits (431 {@code header-too-large}: more than
 * {@value #MAX_HEADER_BYTES} bytes or {@value #MAX_HEADERS} fields). Under {@code /api} the answer is
 * problem+json, elsewhere the site's error page; either way one log line with the request id.
 * <p>
 * Declared in web.xml ahead of the annotated filters so it runs first. The authentication module, which
 * runs before any filter, calls {@link #refused} itself so that no credential is read from such a request.
 * Headers larger than the listener's own limit (server-config/pre-boot-commands.asadmin) never get here:
 * the HTTP parser answers those with a bare 400 (docs/operations.md, "Error answers and request limits").
 */
public class RequestGuard extends HttpFilter {

    public static final String MALFORMED_URL = "malformed-url";
    public static final String HEADER_TOO_LARGE = "header-too-large";
    public static final String HEADER_TOO_LARGE_TITLE = "Request headers too large";
    public static final String HEADER_TOO_LARGE_DETAIL = "The request's headers are larger than this server "
            + "accepts; send fewer or shorter headers (cookies included).";

    /** Far above any browser's or client's headers (a session, a CSRF token and a bearer token are ~2 KiB). */
    static final int MAX_HEADER_BYTES = 32 * 1024;
    static final int MAX_HEADERS = 100;

    private static final Logger LOG = Logger.getLogger(RequestGuard.class.getName());
    private static final String CHECKED = RequestGuard.class.getName();
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!refused(request, response)) {
            chain.doFilter(request, response);
        }
    }

    /** Whether a raw path is under the API, where every answer is problem+json. */
    public static boolean isApi(String rawPath) {
        return rawPath != null && (rawPath.equals("/api") || rawPath.startsWith("/api/"));
    }

    /**
     * Checks the request once (a second call answers {@code false} at once) and, when it breaks a rule,
     * answers it and returns {@code true}: the caller must then leave the response alone.
     */
    public static boolean refused(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(CHECKED) != null) {
            return false;
        }
        request.setAttribute(CHECKED, Boolean.TRUE);
        String path = request.getRequestURI();
        String flaw = MalformedUrls.flawInPath(path);
        if (flaw == null) {
            flaw = MalformedUrls.flawInQuery(request.getQueryString());
        }
        if (flaw != null) {
            refuse(request, response, 400, MALFORMED_URL, "Malformed URL",
                    "The request URL is not a valid address: it contains " + flaw + ".", flaw);
            return true;
        }
        String excess = headerExcess(request);
        if (excess != null) {
            refuse(request, response, 431, HEADER_TOO_LARGE, HEADER_TOO_LARGE_TITLE, HEADER_TOO_LARGE_DETAIL, excess);
            return true;
        }
        if (!METHODS.contains(request.getMethod())) {
            // Servlets answer an unknown method with 501 and an HTML page; no endpoint of Paddock takes one.
            response.setHeader("Allow", String.join(", ", METHODS));
            refuse(request, response, 405, "method-not-allowed", "Method not allowed",
                    "Paddock's endpoints take only " + String.join(", ", METHODS) + ".", "method");
            return true;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !MediaTypeHeaders.validContentType(contentType)) {
            refuse(request, response, 415, "unsupported-media-type", "Unsupported media type",
                    "The Content-Type header is not a media type (such as application/json).", "content type");
            return true;
        }
        if (!MediaTypeHeaders.validAccept(request.getHeader("Accept"))) {
            refuse(request, response, 406, "not-acceptable", "Not acceptable",
                    "The Accept header is not a list of media types with weights between 0 and 1.", "accept");
            return true;
        }
        return false;
    }

    /** The methods some endpoint of Paddock answers (OPTIONS and HEAD come with JAX-RS and servlets). */
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    /** What makes the headers too large, or {@code null}. Each field counts as {@code name: value} plus CRLF. */
    static String headerExcess(HttpServletRequest request) {
        int fields = 0;
        long bytes = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names != null && names.hasMoreElements();) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
                String value = values.nextElement();
                fields++;
                bytes += name.length() + 4 + (value == null ? 0 : value.length());
            }
        }
        if (fields > MAX_HEADERS) {
            return fields + " header fields";
        }
        return bytes > MAX_HEADER_BYTES ? bytes + " bytes of headers" : null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String slug,
            String title, String detail, String reason) {
        String requestId = RequestIdFilter.ensure(request, response);
        String path = request.getRequestURI();
        String query = request.getQueryString();
        String target = query == null ? path : path + "?" + query;
        LOG.info(() -> String.format("Refused %s (%s): %s %s rid=%s", slug, reason,
                MalformedUrls.printable(request.getMethod()), MalformedUrls.printable(target), requestId));
        try {
            if (isApi(path)) {
                ServletProblems.write(request, response, status, slug, title, detail, List.of());
            } else {
                response.sendError(status);
            }
        } catch (IOException clientGone) {
            // Nothing left to tell the client.
        }
    }
}
