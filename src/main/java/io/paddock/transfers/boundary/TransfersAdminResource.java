package io.paddock.transfers.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.transfers.control.Housekeeping;
import io.paddock.transfers.control.JobRunner;
import io.paddock.transfers.control.Transfers;

/** Admins: the infohash blocklist, and restarting the engine (every running job continues from disk). */
@Path("admin/transfers")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class TransfersAdminResource {

    static final String INFO_HASH = "[0-9a-fA-F]{40}";

    public record Block(@NotBlank @Size(max = 500) String reason) {
    }

    public record Blocked(String infoHash, String reason, Instant createdAt) {
    }

    public record Restarted(int resumed) {
    }

    public record Housekept(int expired, int swept) {
    }

    @Inject
    Transfers transfers;

    @Inject
    JobRunner runner;

    @Inject
    Housekeeping housekeeping;

    @POST
    @Path("housekeeping")
    @Operation(summary = "Run retention and the orphan sweep now (they also run every hour)")
    public Housekept housekeeping() {
        return new Housekept(housekeeping.expire(), housekeeping.sweep());
    }

    @GET
    @Path("blocklist")
    @Operation(summary = "Blocked infohashes, newest first")
    public List<Blocked> blocklist() {
        return transfers.blocklist().stream().map(r -> new Blocked((String) r[0], (String) r[1],
                r[2] instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) r[2])).toList();
    }

    @PUT
    @Path("blocklist/{infoHash}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block an infohash: new jobs of it are refused (existing jobs are not touched)")
    public Blocked block(@PathParam("infoHash") @Pattern(regexp = INFO_HASH, message = "must be 40 hexadecimal characters")
            String infoHash, @Valid @NotNull Block request) {
        String hash = infoHash.toLowerCase(Locale.ROOT);
        transfers.block(hash, request.reason().strip());
        return blocklist().stream().filter(b -> b.infoHash().equals(hash)).findFirst().orElseThrow();
    }

    @DELETE
    @Path("blocklist/{infoHash}")
    @Operation(summary = "Unblock an infohash")
    public Response unblock(@PathParam("infoHash") @Pattern(regexp = INFO_HASH, message = "must be 40 hexadecimal characters")
            String infoHash) {
        if (!transfers.unblock(infoHash.toLowerCase(Locale.ROOT))) {
            throw new ResourceNotFoundException("not-blocked", "Not blocked", "The infohash is not on the blocklist.");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("engine/restart")
    @Operation(summary = "Stop every torrent client of this node and resume the running jobs from what is on disk")
    public Restarted restart() {
        return new Restarted(runner.restartEngine());
    }
}
