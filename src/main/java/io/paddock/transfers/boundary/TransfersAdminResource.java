package io.paddock.transfers.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;
import io.paddock.transfers.control.Transfers;
import io.paddock.transfers.control.TransfersAdministration;
import io.paddock.transfers.control.TransferWorker;
import io.paddock.transfers.control.WorkerNodes;

/**
 * Admins: the infohash blocklist, restarting the engine (every running job continues from disk) and
 * housekeeping now; each action takes a reason and a ticket and is recorded in the audit trail.
 */
@Path("admin/transfers")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class TransfersAdminResource {

    static final String INFO_HASH = "[0-9a-fA-F]{40}";

    /** Why an infohash is blocked (kept on the blocklist, at most 500 characters) and the ticket, for the audit trail. */
    public record Block(@Reason @Size(max = 500) String reason, @TicketId String ticketId) {
    }

    /** Why a staff action on transfers is taken, for the audit trail. */
    public record TransfersAdminAction(@Reason String reason, @TicketId String ticketId) {
    }

    public record Blocked(String infoHash, String reason, Instant createdAt) {
    }

    public record Restarted(int resumed) {
    }


    @Inject
    Transfers transfers;

    @Inject
    TransfersAdministration administration;

    @Inject
    CurrentCaller caller;

    @Inject
    WorkerNodes nodes;

    @Inject
    TransferWorker worker;

    @GET
    @Path("jobs/{jobId}")
    @RolesAllowed({"support", "admin", "superadmin"})
    @Operation(summary = "Any user's job, for staff (where a staff search hit of type job leads)")
    public Transfers.StaffJobView job(@PathParam("jobId") UUID jobId) {
        return transfers.staffView(jobId);
    }

    @POST
    @Path("housekeeping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run retention and the orphan sweep now, with a reason and a ticket (audited; they also run every hour)")
    public TransfersAdministration.Housekept housekeeping(@Valid @NotNull TransfersAdminAction action) {
        return administration.housekeeping(caller.require(), Justification.of(action.reason(), action.ticketId()));
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
    @Operation(summary = "Block an infohash, with a reason and a ticket (audited): new jobs of it are refused (existing jobs are not touched)")
    public Blocked block(@PathParam("infoHash") @Pattern(regexp = INFO_HASH, message = "must be 40 hexadecimal characters")
            String infoHash, @Valid @NotNull Block request) {
        String hash = infoHash.toLowerCase(Locale.ROOT);
        administration.block(caller.require(), hash, Justification.of(request.reason(), request.ticketId()));
        return blocklist().stream().filter(b -> b.infoHash().equals(hash)).findFirst().orElseThrow();
    }

    @POST
    @Path("blocklist/{infoHash}/unblock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unblock an infohash, with a reason and a ticket (audited)")
    @APIResponse(responseCode = "204", description = "Unblocked")
    public Response unblock(@PathParam("infoHash") @Pattern(regexp = INFO_HASH, message = "must be 40 hexadecimal characters")
            String infoHash, @Valid @NotNull TransfersAdminAction action) {
        administration.unblock(caller.require(), infoHash.toLowerCase(Locale.ROOT),
                Justification.of(action.reason(), action.ticketId()));
        return Response.noContent().build();
    }

    @POST
    @Path("engine/restart")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop every torrent client of this node and resume the running jobs from what is on disk, "
            + "with a reason and a ticket (audited)")
    public Restarted restart(@Valid @NotNull TransfersAdminAction action) {
        return new Restarted(administration.restartEngine(caller.require(),
                Justification.of(action.reason(), action.ticketId())));
    }

    @GET
    @Path("nodes")
    @RolesAllowed({"support", "admin", "superadmin"})
    @Operation(summary = "The nodes that run a transfer engine: status, jobs held and allowed, free disk, speeds, version, last heartbeat")
    public List<WorkerNodes.NodeView> nodes() {
        return nodes.list();
    }

    /** One endpoint for the three operations: they differ only in what they do to the node's status. */
    @POST
    @Path("nodes/{nodeId}/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cordon a node (it claims no new jobs and keeps those it has), drain it (it claims no new jobs, "
            + "finishes those it has, then stops: drained) or uncordon it (a cordoned, draining or drained node claims "
            + "jobs again); audited")
    public WorkerNodes.NodeView changeNode(@PathParam("nodeId") @Size(max = 200) String nodeId,
            @PathParam("operation") @Parameter(schema = @Schema(enumeration = {"cordon", "drain", "uncordon"}))
            String operation, @Valid @NotNull TransfersAdminAction action) {
        WorkerNodes.NodeOperation what = WorkerNodes.NodeOperation.of(operation);
        if (what == null) {
            throw new NotFoundException(); // as any path that names no resource
        }
        WorkerNodes.NodeView node = nodes.change(caller.require(), nodeId, what,
                Justification.of(action.reason(), action.ticketId()));
        if (what == WorkerNodes.NodeOperation.UNCORDON) {
            worker.poke();
        }
        return node;
    }
}
