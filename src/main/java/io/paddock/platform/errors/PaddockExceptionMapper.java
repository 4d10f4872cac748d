package io.paddock.platform.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Business refusals: the exception names its own status, type and message. */
@Provider
public class PaddockExceptionMapper implements ExceptionMapper<PaddockException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(PaddockException e) {
        Response response = ProblemResponses.of(request, e.status(), e.slug(), e.title(), e.getMessage(),
                e.errors());
        if (e.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder builder = Response.fromResponse(response);
        e.headers().forEach(builder::header);
        return builder.build();
    }
}
