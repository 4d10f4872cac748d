package io.paddock.telemetry.boundary;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;
import io.paddock.telemetry.control.ResultReview;
import io.paddock.telemetry.entity.Outcome;
import io.paddock.telemetry.entity.RaceResult;
import io.paddock.telemetry.entity.TelemetrySession;

/** Staff: the queue of results the proof did not verify (support reads), and decisions on them (admin). */
@Path("admin/results")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class ResultReviewResource {

    /** What the server saw of the result's session: the evidence the proof decided on. */
    public record Evidence(int heartbeats, int staticHeartbeats, Instant startedAt, Instant lastHeartbeatAt,
            boolean endedStale) {

        static Evidence of(TelemetrySession s) {
            return s == null ? null : new Evidence(s.heartbeats(), s.staticHeartbeats(), s.startedAt(),
                    s.lastHeartbeatAt(), s.endedStale());
        }
    }

    public record ReviewView(ResultsResource.ResultView result, UUID userId, String displayName, long version,
            UUID reviewedBy, Instant reviewedAt, String reviewNote, Evidence evidence) {

        static ReviewView of(RaceResult r, String displayName, TelemetrySession session) {
            return new ReviewView(ResultsResource.ResultView.of(r, null), r.userId(), displayName, r.version(),
                    r.reviewedBy(), r.reviewedAt(), r.reviewNote(), Evidence.of(session));
        }
    }

    public record Queue(long total, int offset, int limit, List<ReviewView> items) {
    }

    /** {@code verify} counts the result from now on; {@code reject} never counts it. */
    public record Decision(@NotNull @Pattern(regexp = "verify|reject") String decision, @NotNull Long version,
            @Reason String reason, @TicketId String ticketId) {
    }

    @Inject
    ResultReview review;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @RolesAllowed("support")
    @Operation(summary = "Results waiting for review (pending and flagged by default), oldest first, with evidence")
    public Queue queue(@QueryParam("outcome") @DefaultValue("pending,flagged") String outcome,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("20") int limit) {
        ResultsResource.paging(offset, limit);
        ResultReview.Queue queue = review.queue(outcomes(outcome), offset, limit);
        return new Queue(queue.total(), offset, limit, queue.entries().stream()
                .map(e -> ReviewView.of(e.result(), e.ownerName(), e.session())).toList());
    }

    @POST
    @Path("{id}/review")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify or reject a result, with a reason and a ticket (admin; audited)")
    public ReviewView decide(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        Outcome outcome = "verify".equals(decision.decision()) ? Outcome.VERIFIED : Outcome.REJECTED;
        RaceResult result = review.review(currentCaller.require(), id, outcome, decision.version(),
                Justification.of(decision.reason(), decision.ticketId()));
        return ReviewView.of(result, null, null);
    }

    /** A comma-separated list of outcomes, each one of pending, verified, flagged, rejected. */
    static Set<Outcome> outcomes(String list) {
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (String name : list.split(",", -1)) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            Outcome found = Arrays.stream(Outcome.values()).filter(o -> o.id().equals(wanted)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("validation", "Invalid input",
                            "outcome must list pending, verified, flagged or rejected, separated by commas.",
                            List.of(new Problem.FieldError("outcome", "unknown outcome '" + clip(wanted) + "'"))));
            outcomes.add(found);
        }
        return outcomes;
    }

    private static String clip(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
