package io.paddock.platform.web;

import java.io.IOException;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

    /** An answer with a strong entity tag from the body's SHA-256. */
    public static PreparedJson tagged(byte[] body) {
        return new PreparedJson(body,
                '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(body)) + '"');
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
}
