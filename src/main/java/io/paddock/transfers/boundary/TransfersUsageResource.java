package io.paddock.transfers.boundary;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.Limits;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.transfers.control.TransfersUsage;

/** The caller's transfer usage against the plan's limits (-1: unlimited). */
@Path("transfers/usage")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class TransfersUsageResource {

    public record Meter(long used, long limit) {
    }

    public record Usage(Meter concurrentJobs, Meter storageBytes, long retentionDays) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    TransfersUsage usage;

    @Inject
    Limits limits;

    @GET
    @Operation(summary = "Open jobs and stored bytes against the plan's limits")
    public Usage get() {
        UUID me = caller.require().userId();
        return new Usage(new Meter(usage.openJobs(me), limits.allowed(me, Limit.CONCURRENT_JOBS)),
                new Meter(usage.storedBytes(me), limits.allowed(me, Limit.STORAGE_BYTES)),
                limits.allowed(me, Limit.RETENTION_DAYS));
    }
}
