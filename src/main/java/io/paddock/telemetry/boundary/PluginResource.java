package io.paddock.telemetry.boundary;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;
import io.paddock.platform.errors.RateLimitedException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.json.Json;
import io.paddock.platform.security.ConstantTime;
import io.paddock.platform.security.Signed;
import io.paddock.telemetry.control.HeartbeatIntake;
import io.paddock.telemetry.control.Heartbeats;
import io.paddock.telemetry.control.PluginPresence;
import io.paddock.telemetry.control.Results;
import io.paddock.telemetry.control.SignedRequests;
import io.paddock.telemetry.control.TelemetryProof;
import io.paddock.telemetry.entity.RaceResult;
import io.paddock.telemetry.entity.ResultChallenge;
import io.paddock.telemetry.entity.SimPlatform;

/**
 * What the SimHub plugin calls, each request signed with its installation secret (see docs/api/plugin.md):
 * heartbeats, podium challenges, results. The body is read as bytes because the signature covers them
 * exactly as sent; it is parsed after the signature checks out.
 */
@Path("plugin")
@Tag(name = "Plugin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Signed // each request carries its installation's HMAC, checked by SignedRequests; no user credential
@ApplicationScoped // one instance: per-request resource injection is a measurable cost on Payara's hot path
public class PluginResource {

    /** Either the minimal {version} or a full telemetry snapshot; numbers keep their exact decimal value. */
    public record HeartbeatRequest(String version, Instant timestamp, BigDecimal currentSpeed, BigDecimal currentRPM,
            Integer currentGear, BigDecimal currentLapTime, Integer currentPosition, BigDecimal sessionTime,
            String telemetryHash) {

        boolean minimal() {
            return currentSpeed == null && currentRPM == null && currentGear == null && currentLapTime == null
                    && currentPosition == null && sessionTime == null && telemetryHash == null;
        }
    }

    public record HeartbeatAnswer(boolean accepted, UUID sessionId, String code) {
    }

    public record ChallengeRequest(@NotNull UUID sessionId) {
    }

    public record ChallengeAnswer(UUID nonce, Instant expiresAt) {
    }

    public record ResultRequest(@NotNull UUID sessionId, @NotNull SimPlatform simPlatform,
            @NotBlank @Size(max = 200) String track, @NotBlank @Size(max = 200) String car,
            @Size(max = 200) String series, @NotNull @Min(1) @Max(200) Integer finalPosition,
            @NotNull @Min(1) @Max(200) Integer fieldSize, @NotNull @Min(0) @Max(10_000) Integer laps,
            @NotNull @Min(0) Long bestLapMs, @NotNull @Min(0) Long totalTimeMs,
            @NotNull @Min(0) @Max(10) Integer competitiveness, UUID challengeNonce, String challengeAnswer) {
    }

    @Inject
    SignedRequests signedRequests;

    @Inject
    Heartbeats heartbeats;

    @Inject
    HeartbeatIntake intake;

    @Inject
    Results results;

    @Inject
    Validator validator;

    @Inject
    CallerResolver callers;

    @Inject
    PluginPresence presence;

    /**
     * Served by {@link HeartbeatServlet} (its exact mapping wins over JAX-RS), which calls this method:
     * kept here so the OpenAPI document describes the endpoint and both share one implementation.
     */
    @POST
    @Path("heartbeat")
    @Operation(summary = "A signed heartbeat: the minimal {version}, or a telemetry snapshot every 5 s. Without the "
            + "installation headers, a minimal {version} with Authorization: Bearer <Paddock token> is accepted as "
            + "unverified presence (code UNVERIFIED_PRESENCE), never counted for verification")
    public HeartbeatAnswer heartbeat(@HeaderParam(SignedRequests.INSTALLATION_HEADER) String installation,
            @HeaderParam(SignedRequests.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SignedRequests.SIGNATURE_HEADER) String signature, byte[] body) throws IOException {
        SignedRequests.Verified verified = signedRequests.verify(installation, timestamp, signature, body);
        HeartbeatRequest request = Json.mapper().readValue(body, HeartbeatRequest.class);
        if (request == null) { // the body was JSON null
            throw invalid(List.of(new Problem.FieldError("body", "must not be empty")));
        }
        if (request.minimal()) {
            if (request.version() == null || request.version().isBlank() || request.version().length() > 40) {
                throw invalid(List.of(new Problem.FieldError("version", "must be 1 to 40 characters")));
            }
            return answer(heartbeats.ping(verified, request.version()));
        }
        // Waits for the group commit that stores it (a few ms); blocking is cheaper here than
        // suspending the request (profiled: the async resume path cost more than the wait).
        return answer(intake.record(verified, telemetryOf(request)));
    }

    /**
     * The minimal {version} heartbeat sent with a Paddock bearer token (an access token or an API key) instead of
     * an installation's signature, as plugins older than signed requests do. Served by {@link HeartbeatServlet}
     * for a request without {@value SignedRequests#INSTALLATION_HEADER}: accepted as presence only
     * ({@code code: UNVERIFIED_PRESENCE}), never as telemetry, and never counted for verification.
     */
    public HeartbeatAnswer presence(String bearer, byte[] body) throws IOException {
        Caller caller = callers.bearer(bearer).orElseThrow(() -> new UnauthenticatedException("invalid-token",
                "Invalid credential", "The bearer token or API key is unknown, expired or revoked."));
        HeartbeatRequest request = Json.mapper().readValue(body, HeartbeatRequest.class);
        if (request == null) {
            throw invalid(List.of(new Problem.FieldError("body", "must not be empty")));
        }
        if (!request.minimal()) {
            throw new InvalidRequestException("telemetry-needs-signature", "Telemetry must be signed",
                    "A bearer token carries only the minimal {\"version\"} heartbeat. Register the installation "
                            + "(POST /api/plugin/installations) and sign telemetry heartbeats with its secret.");
        }
        if (request.version() == null || request.version().isBlank() || request.version().length() > 40) {
            throw invalid(List.of(new Problem.FieldError("version", "must be 1 to 40 characters")));
        }
        return answer(presence.record(caller.userId(), request.version().strip()));
    }

    private static HeartbeatAnswer answer(Heartbeats.Answer answer) {
        if (answer.retryAfter() != null) {
            long seconds = (answer.retryAfter().toMillis() + 999) / 1000;
            throw new RateLimitedException("rate-limited", "RATE_LIMITED: heartbeats must be at least "
                    + TelemetryProof.MIN_INTERVAL.toSeconds() + " s apart; retry in " + seconds + " s.", seconds);
        }
        return new HeartbeatAnswer(answer.accepted(), answer.sessionId(), answer.code());
    }

    @POST
    @Path("challenge")
    @Operation(summary = "A one-time nonce (valid 5 s) that a podium result must answer")
    public ChallengeAnswer challenge(@HeaderParam(SignedRequests.INSTALLATION_HEADER) String installation,
            @HeaderParam(SignedRequests.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SignedRequests.SIGNATURE_HEADER) String signature, byte[] body) throws IOException {
        SignedRequests.Verified verified = signedRequests.verify(installation, timestamp, signature, body);
        ChallengeRequest request = valid(Json.mapper().readValue(body, ChallengeRequest.class));
        ResultChallenge challenge = results.challenge(verified, request.sessionId());
        return new ChallengeAnswer(challenge.nonce(), challenge.expiresAt());
    }

    @POST
    @Path("results")
    @Operation(summary = "Submit a race result; the telemetry proof decides verified, pending or flagged")
    public ResultsResource.ResultView submit(@HeaderParam(SignedRequests.INSTALLATION_HEADER) String installation,
            @HeaderParam(SignedRequests.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SignedRequests.SIGNATURE_HEADER) String signature, byte[] body) throws IOException {
        SignedRequests.Verified verified = signedRequests.verify(installation, timestamp, signature, body);
        ResultRequest r = valid(Json.mapper().readValue(body, ResultRequest.class));
        if (r.finalPosition() > r.fieldSize()) {
            throw invalid(List.of(new Problem.FieldError("finalPosition", "must not exceed fieldSize")));
        }
        RaceResult.Race race = new RaceResult.Race(r.simPlatform(), r.track().strip(), r.car().strip(),
                r.series() == null || r.series().isBlank() ? null : r.series().strip(), r.finalPosition(),
                r.fieldSize(), r.laps(), r.bestLapMs(), r.totalTimeMs(), r.competitiveness());
        Results.Stored stored = results.submit(verified,
                new Results.Submission(r.sessionId(), race, r.challengeNonce(), r.challengeAnswer()));
        return ResultsResource.ResultView.of(stored.result(), stored.memberVerified());
    }

    private Heartbeats.Telemetry telemetryOf(HeartbeatRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        require(errors, "currentSpeed", r.currentSpeed(), 0, 1000);
        require(errors, "currentRPM", r.currentRPM(), 0, 100_000);
        require(errors, "currentLapTime", r.currentLapTime(), 0, 86_400);
        require(errors, "sessionTime", r.sessionTime(), 0, 10_000_000);
        if (r.currentGear() == null || r.currentGear() < -1 || r.currentGear() > 12) {
            errors.add(new Problem.FieldError("currentGear", "must be an integer from -1 (reverse) to 12"));
        }
        if (r.currentPosition() == null || r.currentPosition() < 1 || r.currentPosition() > 200) {
            errors.add(new Problem.FieldError("currentPosition", "must be an integer from 1 to 200"));
        }
        if (r.telemetryHash() == null || r.telemetryHash().isBlank()) {
            errors.add(new Problem.FieldError("telemetryHash", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String expected = TelemetryProof.telemetryHash(TelemetryProof.canonical(r.currentSpeed()),
                TelemetryProof.canonical(r.currentRPM()), Integer.toString(r.currentGear()),
                Integer.toString(r.currentPosition()), TelemetryProof.canonical(r.sessionTime()));
        if (!ConstantTime.equal(expected, r.telemetryHash().strip())) {
            throw new InvalidRequestException("telemetry-hash-mismatch", "Telemetry hash mismatch",
                    "telemetryHash is not base64(SHA-256(\"speed|rpm|gear|pos|sessionTime\")) of this snapshot.");
        }
        return new Heartbeats.Telemetry(r.timestamp(), r.currentSpeed().doubleValue(), r.currentRPM().doubleValue(),
                r.currentGear(), r.currentLapTime().doubleValue(), r.currentPosition(), r.sessionTime().doubleValue());
    }

    private static void require(List<Problem.FieldError> errors, String field, BigDecimal value, int min, int max) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "must not be null"));
        } else if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(new Problem.FieldError(field, "must be between " + min + " and " + max));
        }
    }

    private <T> T valid(T request) {
        if (request == null) {
            throw invalid(List.of(new Problem.FieldError("body", "must not be empty")));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    private static InvalidRequestException invalid(List<Problem.FieldError> errors) {
        return new InvalidRequestException("validation", "Invalid input", "Some fields are missing or invalid; see errors.",
                errors);
    }
}
