package io.paddock.platform.errors;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

import io.paddock.platform.web.RequestIdFilter;

/** Builds problem+json responses carrying the request's correlation id. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(HttpServletRequest request, int status, String slug, String title, String detail) {
        return of(request, status, slug, title, detail, List.of());
    }

    public static Response of(HttpServletRequest request, int status, String slug, String title, String detail,
            List<Problem.FieldError> errors) {
        Problem problem = new Problem(Problem.typeOf(slug), title, status, detail,
                RequestIdFilter.requestIdOf(request), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
