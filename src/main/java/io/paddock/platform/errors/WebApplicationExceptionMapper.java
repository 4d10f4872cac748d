package io.paddock.platform.errors;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (unknown route, wrong method, media types, a resource's own
 * {@code WebApplicationException}) in problem+json instead of the runtime's HTML page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** How a refusal of this status is described (also by servlets that answer outside JAX-RS). */
    public record Kind(String slug, String title, String detail) {
    }

    private static final Map<Integer, Kind> KINDS = Map.of(
            400, new Kind("bad-request", "Bad request", "The request could not be understood."),
            401, new Kind("unauthenticated", "Authentication required", "Sign in or send a valid bearer token."),
            403, new Kind("forbidden", "Forbidden", "Your role does not allow this action."),
            404, new Kind("not-found", "Not found", "No resource exists at this path."),
            405, new Kind("method-not-allowed", "Method not allowed", "This path does not accept this HTTP method."),
            406, new Kind("not-acceptable", "Not acceptable", "The resource cannot produce the requested media type."),
            413, new Kind("payload-too-large", "Payload too large", "The request body is larger than this endpoint accepts."),
            415, new Kind("unsupported-media-type", "Unsupported media type",
                    "Send the body in a media type this endpoint accepts (usually application/json)."));

    @Context
    HttpServletRequest request;

    /** The problem slug, title and detail for 400, 401, 403, 404, 405, 406 and 415. */
    public static Kind kindOf(int status) {
        Kind kind = KINDS.get(status);
        if (kind == null) {
            throw new IllegalArgumentException("No problem kind for HTTP " + status);
        }
        return kind;
    }

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Kind kind = KINDS.getOrDefault(status,
                new Kind("http-" + status, original.getStatusInfo().getReasonPhrase(), null));
        Response problem = ProblemResponses.of(request, status, kind.slug(), kind.title(), kind.detail());
        // Keep what the refusal told the client to do next (Allow on 405, WWW-Authenticate on 401).
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        for (String header : new String[] {HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }
}
