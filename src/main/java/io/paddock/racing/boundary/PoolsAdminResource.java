package io.paddock.racing.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.racing.control.SeedPool;
import io.paddock.racing.control.SeedPoolScanner;

/** Admins scan the seed pools on demand (the timer scans every minute). */
@Path("admin/pools")
@Tag(name = "Seed pools")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class PoolsAdminResource {

    @Inject
    SeedPoolScanner scanner;

    @POST
    @Path("scan")
    @Operation(summary = "Scan the seed pools now; broken seeds are listed as skipped with their reason")
    public SeedPool.ScanReport scan() {
        return scanner.scanNow();
    }
}
