package io.paddock.platform.errors;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.paddock.platform.web.RequestIdFilter;

/**
 * A bug, not a refusal: logged in full with the request id, answered with a 500 problem that says
 * nothing about our internals. Every expected failure has a specific mapper above this one.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Exception e) {
        return unexpected(request, e);
    }

    static final String SLUG = "internal-error";
    static final String TITLE = "Internal error";

    static String detail(String requestId) {
        return "Something went wrong on our side. Quote request id " + requestId + " when reporting it.";
    }

    static Response unexpected(HttpServletRequest request, Throwable e) {
        String requestId = RequestIdFilter.requestIdOf(request);
        LOG.log(Level.SEVERE, "Unexpected error in request " + requestId, e);
        return ProblemResponses.of(request, 500, SLUG, TITLE, detail(requestId));
    }
}
