package io.paddock.telemetry.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.telemetry.control.Results;
import io.paddock.telemetry.entity.Outcome;
import io.paddock.telemetry.entity.RaceResult;
import io.paddock.telemetry.entity.SimPlatform;

/** Your own results, paged (public podiums and leaderboards: {@link PodiumsResource}). */
@Path("results")
@Tag(name = "Results")
@Produces(MediaType.APPLICATION_JSON)
public class ResultsResource {

    public record ResultView(UUID id, UUID sessionId, SimPlatform simPlatform, String track, String car,
            String series, int finalPosition, int fieldSize, int laps, long bestLapMs, long totalTimeMs,
            int competitiveness, Integer continuityScore, Outcome outcome, List<String> reasons, Instant submittedAt,
            Boolean memberVerified) {

        static ResultView of(RaceResult r, Boolean memberVerified) {
            return new ResultView(r.id(), r.sessionId(), r.simPlatform(), r.track(), r.car(), r.series(),
                    r.finalPosition(), r.fieldSize(), r.laps(), r.bestLapMs(), r.totalTimeMs(), r.competitiveness(),
                    r.continuityScore(), r.outcome(), r.reasons(), r.submittedAt(), memberVerified);
        }
    }

    public record Page(long total, int offset, int limit, List<ResultView> items) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Results results;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "Your submitted results, newest first, with outcome and reasons")
    public Page mine(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        paging(offset, limit);
        UUID userId = currentCaller.require().userId();
        return new Page(results.countOf(userId), offset, limit,
                results.of(userId, offset, limit).stream().map(r -> ResultView.of(r, null)).toList());
    }

    static void paging(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new InvalidRequestException("invalid-paging", "Invalid paging",
                    "offset must be ≥ 0 and limit between 1 and 100.");
        }
    }
}
