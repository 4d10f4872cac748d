package io.paddock.platform.errors;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.paddock.platform.json.Json;
import io.paddock.platform.web.RequestIdFilter;
import io.paddock.platform.web.SecurityHeaders;

/**
 * problem+json for what answers outside JAX-RS (the authentication module, plain servlets): the same
 * bodies, types and headers the exception mappers give, written straight to the servlet response.
 */
public final class ServletProblems {

    private static final Logger LOG = Logger.getLogger(ServletProblems.class.getName());

    private ServletProblems() {
    }

    /** Writes a refusal: its status, {@code type}, field errors and headers (e.g. {@code Retry-After}). */
    public static void write(HttpServletRequest request, HttpServletResponse response, PaddockException e)
            throws IOException {
        e.headers().forEach(response::setHeader);
        write(request, response, e.status(), e.slug(), e.title(), e.getMessage(), e.errors());
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String slug,
            String title, String detail, List<Problem.FieldError> errors) throws IOException {
        String requestId = RequestIdFilter.ensure(request, response);
        // The authentication module answers before any servlet filter runs.
        SecurityHeaders.applyTo(response);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        // Jackson writes UTF-8 bytes, JSON's only encoding, so no charset parameter is needed.
        byte[] body = Json.mapper().writeValueAsBytes(new Problem(Problem.typeOf(slug), title, status, detail,
                requestId, errors));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The refusal the JAX-RS mappers would answer for this exception (unwrapping EJB wrappers as
     * {@link EjbExceptionMapper} does), or {@code null} for a bug.
     */
    public static PaddockException refusalOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EJBException) {
                continue;
            }
            if (cause instanceof PaddockException refusal) {
                return refusal;
            }
            if (cause instanceof JsonProcessingException json) {
                return JsonInputMapper.refusalOf(json);
            }
            if (cause instanceof OptimisticLockException) {
                return PersistenceConflictMapper.refusal();
            }
        }
        return null;
    }

    /** Any exception: its refusal, or a logged 500 that says nothing about our internals. */
    public static void writeFailure(HttpServletRequest request, HttpServletResponse response, Throwable e)
            throws IOException {
        PaddockException refusal = refusalOf(e);
        if (refusal != null) {
            write(request, response, refusal);
            return;
        }
        String requestId = RequestIdFilter.ensure(request, response);
        LOG.log(Level.SEVERE, "Unexpected error in request " + requestId, e);
        write(request, response, 500, UnexpectedExceptionMapper.SLUG, UnexpectedExceptionMapper.TITLE,
                UnexpectedExceptionMapper.detail(requestId), List.of());
    }
}
