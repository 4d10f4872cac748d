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

import io.paddock.admin.control.ConfigHistory;
import io.paddock.admin.control.TextDiff;
import io.paddock.admin.entity.ConfigChange;

/** Superadmins: every runtime setting change with its diff, who and why, newest first; secrets masked. */
@Path("admin/config/history")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("superadmin")
public class ConfigHistoryResource {

    public record ConfigChangeView(long id, Instant at, String setting, String oldValue, String newValue,
            boolean secret, List<TextDiff.Line> diff, UUID actorId, String actorName, String reason,
            String ticketId) {

        static ConfigChangeView of(ConfigChange c) {
            return new ConfigChangeView(c.id(), c.at(), c.setting(), c.oldValue(), c.newValue(), c.secret(),
                    c.secret() ? List.of() : TextDiff.of(c.oldValue(), c.newValue()), c.actorId(), c.actorName(), c.reason(), c.ticketId());
        }
    }

    public record ConfigHistoryPage(List<ConfigChangeView> changes, Long nextBefore) {
    }

    @Inject
    ConfigHistory history;

    @GET
    @Operation(summary = "Runtime setting changes, newest first, with a line diff of each (superadmin)")
    public ConfigHistoryPage list(@QueryParam("setting") @Size(min = 1, max = 120) String setting,
            @QueryParam("before") @Positive Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        ConfigHistory.Page page = history.find(setting, before, limit);
        return new ConfigHistoryPage(page.changes().stream().map(ConfigChangeView::of).toList(), page.nextBefore());
    }
}
