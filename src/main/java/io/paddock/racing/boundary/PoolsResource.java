package io.paddock.racing.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.platform.web.PreparedJson;
import io.paddock.racing.control.SeedPool;

/** Seed pools and their counts, for the create-race form. */
@Path("pools")
@Tag(name = "Seed pools")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PoolsResource {

    @Inject
    PoolCountsSnapshot snapshot;

    @GET
    @PermitAll
    @Operation(summary = "Seed pools with their available, consumed and discarded counts. Answers an ETag: send"
            + " it back in If-None-Match to get a 304 while the counts are unchanged")
    @APIResponseSchema(value = SeedPool.PoolCount[].class, responseDescription = "The pools")
    public Response pools(@Context Request request) {
        return snapshot.counts().answer(request, PreparedJson.REVALIDATE);
    }

}
