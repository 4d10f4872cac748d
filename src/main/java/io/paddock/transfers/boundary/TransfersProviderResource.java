package io.paddock.transfers.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.platform.audit.CurrentActor;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;
import io.paddock.transfers.control.Providers;
import io.paddock.transfers.entity.Provider;
import io.paddock.transfers.entity.ProviderChange;

/**
 * Admins: the provider new transfer jobs start on ({@code builtin}, Paddock's own engine, or {@code seedr}),
 * switching it with the version read, a reason and a ticket (audited, kept in a versioned history), and
 * that history. Jobs already submitted finish on the provider they started on.
 */
@Path("admin/transfers/provider")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class TransfersProviderResource {

    /** A provider and whether this node is configured for it. */
    public record TransferProviderOption(String name, boolean configured) {
    }

    /** The active provider, the setting's version (send it back to switch), who switched last and when. */
    public record TransferProviderView(String provider, long version, Instant changedAt, UUID changedBy,
            List<TransferProviderOption> providers) {

        static TransferProviderView of(Providers.Active a) {
            return new TransferProviderView(a.provider(), a.version(), a.changedAt(), a.changedBy(),
                    a.providers().stream().map(p -> new TransferProviderOption(p.name(), p.configured())).toList());
        }
    }

    /** The provider wanted, the version read and why. */
    public record TransferProviderSwitch(
            @NotNull @Pattern(regexp = "builtin|seedr", message = "must be builtin or seedr") String provider,
            @NotNull Long version, @Reason String reason, @TicketId String ticketId) {
    }

    /** The switch done: the new state, and how many jobs still run on the provider switched away from. */
    public record TransferProviderSwitched(TransferProviderView active, int inFlight) {
    }

    /** One switch of the history. */
    public record TransferProviderChangeView(long version, Instant at, String oldProvider, String newProvider,
            UUID actorId, String actorName, String reason, String ticketId, int inFlight) {

        static TransferProviderChangeView of(ProviderChange c) {
            return new TransferProviderChangeView(c.version(), c.at(), c.oldProvider().wire(), c.newProvider().wire(),
                    c.actorId(), c.actorName(), c.reason(), c.ticketId(), c.inFlight());
        }
    }

    /** Switches, newest first; pass {@code nextBefore} as {@code before} for the next page. */
    public record TransferProviderHistory(List<TransferProviderChangeView> changes, Long nextBefore) {
    }

    @Inject
    Providers providers;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "The provider new transfer jobs start on, its version, and which providers this node can use")
    public TransferProviderView get() {
        return TransferProviderView.of(providers.view());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Switch the provider of new jobs (running jobs finish where they started); send the "
            + "version read, a reason and a ticket (audited, kept in the history)")
    public TransferProviderSwitched put(@Valid @NotNull TransferProviderSwitch change) {
        Providers.Switched done = providers.switchTo(actor.require(), Provider.ofWire(change.provider()),
                change.version(), Justification.of(change.reason(), change.ticketId()));
        return new TransferProviderSwitched(TransferProviderView.of(done.active()), done.inFlight());
    }

    @GET
    @Path("history")
    @Operation(summary = "Every provider switch, newest first: version, when, from and to, who, why, jobs left running")
    public TransferProviderHistory history(@QueryParam("before") @Positive Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Providers.History page = providers.history(before, limit);
        return new TransferProviderHistory(page.changes().stream().map(TransferProviderChangeView::of).toList(),
                page.nextBefore());
    }
}
