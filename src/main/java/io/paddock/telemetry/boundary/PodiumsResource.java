package io.paddock.telemetry.boundary;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.telemetry.control.Results;
import io.paddock.telemetry.entity.SimPlatform;

/** Public monthly podium leaderboards per sim (verified results only). */
@Path("podiums")
@Tag(name = "Results")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PodiumsResource {

    public record Leaderboard(SimPlatform simPlatform, String month, List<Results.LeaderboardRow> rows) {
    }

    @Inject
    Results results;

    @Inject
    Clock clock;

    @GET
    @Path("leaderboard")
    @Operation(summary = "Verified podiums in one sim and one UTC month (default: iRacing, this month)")
    public Leaderboard leaderboard(@QueryParam("platform") @DefaultValue("iRacing") String platform,
            @QueryParam("month") String month, @QueryParam("limit") @DefaultValue("50") int limit) {
        ResultsResource.paging(0, limit);
        SimPlatform sim;
        try {
            sim = SimPlatform.of(platform);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-sim-platform", "Unknown sim platform",
                    "platform must be iRacing, ACC or rFactor2.");
        }
        YearMonth ym;
        try {
            ym = month == null || month.isBlank() ? YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)) : YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid-month", "Invalid month", "month must look like 2026-11.");
        }
        return new Leaderboard(sim, ym.toString(), results.leaderboard(sim, ym, limit));
    }

}
