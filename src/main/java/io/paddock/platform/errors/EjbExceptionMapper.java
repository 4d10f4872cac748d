package io.paddock.platform.errors;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/**
 * EJBs wrap system exceptions (an optimistic-lock failure at commit, say) in {@link EJBException};
 * unwrap to the innermost cause that has a specific mapper, so a lost update still answers 409.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Context
    Providers providers;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Response toResponse(EJBException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof EJBException) {
                continue;
            }
            ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
            if (mapper != null && !(mapper instanceof UnexpectedExceptionMapper)) {
                return mapper.toResponse(cause);
            }
        }
        return UnexpectedExceptionMapper.unexpected(request, e);
    }
}
