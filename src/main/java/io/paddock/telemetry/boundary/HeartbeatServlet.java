package io.paddock.telemetry.boundary;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.platform.errors.ServletProblems;
import io.paddock.platform.errors.WebApplicationExceptionMapper;
import io.paddock.platform.json.Json;
import io.paddock.platform.security.Signed;
import io.paddock.telemetry.control.SignedRequests;

/**
 * {@code POST /api/plugin/heartbeat} served by a plain servlet: the exact mapping wins over JAX-RS's
 * {@code /api/*}, so the hottest path (thousands per second) skips Jersey's routing, providers and response
 * writing, measured at about 40 % of its CPU. It runs the same code as the documented JAX-RS method
 * ({@link PluginResource#heartbeat}) and answers the same JSON, problem types and headers, including
 * 405/415/406 as JAX-RS gives them.
 */
@WebServlet(name = "plugin-heartbeat", urlPatterns = "/api/plugin/heartbeat")
// As PluginResource#heartbeat, whose signature check it runs. An unsigned minimal {version} with a bearer token is
// checked by PluginResource#presence itself (the authentication module resolves no caller on signed paths).
@Signed
public class HeartbeatServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ALLOW = "POST, OPTIONS"; // as Jersey writes it
    /** A telemetry heartbeat is a few hundred bytes; anything near this is not one. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    @Inject
    transient PluginResource plugin;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "POST" -> post(request, response);
            case "OPTIONS" -> {
                response.setHeader("Allow", ALLOW);
                response.setStatus(200);
            }
            default -> {
                response.setHeader("Allow", ALLOW);
                refuse(request, response, 405);
            }
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!json(request.getContentType())) {
            refuse(request, response, 415);
            return;
        }
        if (!accepts(request.getHeader("Accept"))) {
            refuse(request, response, 406);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(request, response, 413);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) { // chunked, so no Content-Length to refuse it by
            refuse(request, response, 413);
            return;
        }
        byte[] answer;
        try {
            String bearer = bearer(request);
            answer = Json.mapper().writeValueAsBytes(bearer != null
                    ? plugin.presence(bearer, body)
                    : plugin.heartbeat(request.getHeader(SignedRequests.INSTALLATION_HEADER),
                            request.getHeader(SignedRequests.TIMESTAMP_HEADER),
                            request.getHeader(SignedRequests.SIGNATURE_HEADER), body));
        } catch (Exception e) {
            ServletProblems.writeFailure(request, response, e);
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /**
     * The bearer credential of an unsigned request (an older plugin's presence heartbeat), or null: a request
     * carrying the installation header is a signed one, whatever else it sends.
     */
    private static String bearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (request.getHeader(SignedRequests.INSTALLATION_HEADER) != null || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        WebApplicationExceptionMapper.Kind kind = WebApplicationExceptionMapper.kindOf(status);
        ServletProblems.write(request, response, status, kind.slug(), kind.title(), kind.detail(), List.of());
    }

    /** {@code application/json} (parameters allowed) or a wildcard covering it; none at all counts as JSON. */
    private static boolean json(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return true;
        }
        int semicolon = mediaType.indexOf(';');
        String type = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json") || type.equals("*/*") || type.equalsIgnoreCase("application/*");
    }

    /** Whether any entry of the Accept header admits application/json. */
    private static boolean accepts(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String entry : accept.split(",")) {
            if (json(entry)) {
                return true;
            }
        }
        return false;
    }
}
