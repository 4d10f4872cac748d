package io.paddock.platform.errors;

import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A lost concurrent update (entities carry {@code @Version}): 409, the client re-reads and retries. */
@Provider
public class PersistenceConflictMapper implements ExceptionMapper<OptimisticLockException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(OptimisticLockException e) {
        ConflictException refusal = refusal();
        return ProblemResponses.of(request, refusal.status(), refusal.slug(), refusal.title(), refusal.getMessage());
    }

    static ConflictException refusal() {
        return new ConflictException("concurrent-update", "Concurrent update",
                "Someone else changed this resource at the same time; read it again and retry.");
    }
}
