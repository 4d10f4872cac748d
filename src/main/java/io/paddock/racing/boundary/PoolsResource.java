package io.paddock.racing.boundary;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.racing.control.SeedPool;

/** Seed pools and their counts, for the create-race form. */
@Path("pools")
@Tag(name = "Seed pools")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PoolsResource {

    @Inject
    SeedPool pool;

    @GET
    @PermitAll
    @Operation(summary = "Seed pools with their available, consumed and discarded counts")
    public List<SeedPool.PoolCount> pools() {
        return pool.counts();
    }

}
