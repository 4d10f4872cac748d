package io.paddock.racing.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.racing.control.RaceAdministration;
import io.paddock.racing.control.SeedPool;

/** Admins scan the seed pools on demand (the timer scans every minute); each scan is audited. */
@Path("admin/pools")
@Tag(name = "Seed pools")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class PoolsAdminResource {

    @Inject
    RaceAdministration administration;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("scan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scan the seed pools now, with a reason and a ticket (audited); broken seeds are listed as "
            + "skipped with their reason")
    public SeedPool.ScanReport scan(@Valid @NotNull RacesAdminResource.RaceAdminAction action) {
        return administration.scanPools(caller.require(), action.why());
    }
}
