package io.paddock.telemetry.boundary;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.telemetry.boundary.ResultsResource.ResultView;
import io.paddock.telemetry.control.Results;

/** A driver's verified podiums (P1–P3), public. */
@Path("users/{id}/podiums")
@Tag(name = "Results")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class UserPodiumsResource {

    @Inject
    Results results;

    @GET
    @Operation(summary = "A driver's verified podiums (P1–P3), newest first")
    public List<ResultView> podiums(@PathParam("id") UUID userId, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        ResultsResource.paging(offset, limit);
        return results.podiums(userId, offset, limit).stream().map(r -> ResultView.of(r, null)).toList();
    }

}
