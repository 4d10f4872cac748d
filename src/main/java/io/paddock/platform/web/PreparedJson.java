package io.paddock.platform.web;

import java.io.IOException;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import io.paddock.platform.security.Digests;

/**
 * A JSON answer encoded once and written as bytes by a servlet filter in front of JAX-RS: the everyday
 * reads (the public sign-in settings, the race list) skip Jersey's routing, providers and entity writing,
 * which cost more than the rest of the request together (docs/benchmarks.md, "REST reads"). The JAX-RS
 * method stays the documented endpoint and answers everything this does not take: other methods, HEAD,
 * an {@code Accept} other than JSON or any, an {@code If-Match}, an {@code If-None-Match} that is not
 * exactly this body's tag, and any input the method would refuse. What this writes is byte for byte what
 * the method answers: the same body, status, {@code Content-Type}, {@code ETag} and {@code Cache-Control}.
 *
 * @param body the encoded JSON
 * @param etag its strong entity tag, quoted, or {@code null} for an answer without one
 */
public record PreparedJson(byte[] body, String etag) {

    private static final String JSON = "application/json";

    /**
     * The {@code Cache-Control} of answers that readers revalidate every time, the tag making that a bodiless
     * 304 while nothing changed; Jersey writes a {@code no-cache} CacheControl this way.
     */
    public static final String REVALIDATE = "no-cache, no-transform";

    /** An answer with a strong entity tag from the body's SHA-256. */
    public static PreparedJson tagged(byte[] body) {
        return new PreparedJson(body, '"' + digest(body) + '"');
    }

    /**
     * An answer with a weak entity tag from the body's SHA-256: for a body sent with something added per
     * request (a clock reading), equal in meaning, not byte for byte, while the tag holds.
     */
    public static PreparedJson weaklyTagged(byte[] body) {
        return new PreparedJson(body, "W/\"" + digest(body) + '"');
    }

    private static String digest(byte[] body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(body));
    }

    /** Whether a request may be answered from prepared bytes at all (GET, JSON or any accepted, no If-Match). */
    public static boolean eligible(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getHeader("If-Match") != null) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept == null || accept.equals("*/*") || accept.equals(JSON);
    }

    /**
     * Writes this answer (200, or 304 when {@code If-None-Match} names exactly its tag) and returns
     * {@code true}, or returns {@code false} without touching the response when the general path must answer.
     *
     * @param cacheControl the {@code Cache-Control} value the JAX-RS method sets, or {@code null}
     */
    public boolean writeTo(HttpServletRequest request, HttpServletResponse response, String cacheControl)
            throws IOException {
        String ifNoneMatch = request.getHeader("If-None-Match");
        boolean unchanged = false;
        if (ifNoneMatch != null) {
            if (etag == null || !ifNoneMatch.equals(etag)) {
                return false; // a list of tags, a weak tag, "*": the method's precondition check decides
            }
            unchanged = true;
        }
        if (cacheControl != null) {
            response.setHeader("Cache-Control", cacheControl);
        }
        if (etag != null) {
            response.setHeader("ETag", etag);
        }
        if (unchanged) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return true;
    }

    /** This answer from a JAX-RS method: 304 when {@code If-None-Match} holds its tag, else 200 with the body. */
    public Response answer(Request request, String cacheControl) {
        return answer(request, cacheControl, body);
    }

    /** As {@link #answer(Request, String)}, sending {@code sent} (this body with something added) for a 200. */
    public Response answer(Request request, String cacheControl, byte[] sent) {
        EntityTag tag = EntityTag.valueOf(etag);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder answer = unchanged != null ? unchanged
                : Response.ok(sent, MediaType.APPLICATION_JSON_TYPE).tag(tag);
        return answer.cacheControl(CacheControl.valueOf(cacheControl)).build();
    }
}
