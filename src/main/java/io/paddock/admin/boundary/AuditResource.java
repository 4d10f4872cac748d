package io.paddock.admin.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.platform.audit.AuditEntry;
import io.paddock.platform.audit.AuditTrail;

/** The audit trail for staff: every privileged action with who, why and when, newest first (admin and up). */
@Path("admin/audit")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, Instant at, UUID actorId, String actorName, String action, String targetType,
            String targetId, String reason, String ticketId, String before, String after, String requestId,
            String clientAddress) {

        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.at(), e.actorId(), e.actorName(), e.action(), e.targetType(),
                    e.targetId(), e.reason(), e.ticketId(), e.beforeSummary(), e.afterSummary(), e.requestId(),
                    e.clientAddress());
        }
    }

    /** One page; {@code nextBefore} (absent on the last page) fetches the next with {@code ?before=}. */
    public record AuditPage(List<AuditView> entries, Long nextBefore) {
    }

    @Inject
    AuditTrail trail;

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Audit trail, newest first, filtered by actor, action or target (admin and up)")
    public AuditPage list(@QueryParam("actor") UUID actor, @QueryParam("action") @Size(max = 80) String action,
            @QueryParam("targetType") @Size(max = 40) String targetType,
            @QueryParam("targetId") @Size(max = 100) String targetId, @QueryParam("before") @Positive Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        AuditTrail.Page page = trail.find(new AuditTrail.Filter(actor, action, targetType, targetId), before, limit);
        return new AuditPage(page.entries().stream().map(AuditView::of).toList(), page.nextBefore());
    }
}
