package io.paddock.admin.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.admin.control.FlagSwitch;
import io.paddock.admin.entity.FeatureFlag;
import io.paddock.platform.audit.CurrentActor;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;

/** Superadmins: the feature flags, and turning one on or off with a reason and a ticket (audited, in the history). */
@Path("admin/flags")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("superadmin")
public class FeatureFlagsResource {

    public record FlagView(String name, boolean enabled, String description, Instant updatedAt, UUID updatedBy,
            long version) {

        static FlagView of(FeatureFlag f) {
            return new FlagView(f.name(), f.enabled(), f.description(), f.updatedAt(), f.updatedBy(), f.version());
        }
    }

    /** The state wanted, the version read and why. */
    public record FlagChange(@NotNull Boolean enabled, @NotNull Long version, @Reason String reason,
            @TicketId String ticketId) {
    }

    @Inject
    FlagSwitch flags;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "Every feature flag and its state (superadmin)")
    public List<FlagView> list() {
        return flags.all().stream().map(FlagView::of).toList();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn a feature flag on or off (superadmin); send the version read, a reason and a ticket")
    public FlagView set(@PathParam("name") String name, @Valid @NotNull FlagChange change) {
        return FlagView.of(flags.set(actor.require(), name, change.enabled(), change.version(),
                Justification.of(change.reason(), change.ticketId())));
    }
}
