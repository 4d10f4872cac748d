package io.paddock.telemetry.control;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.Accounts;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.security.ConstantTime;
import io.paddock.telemetry.entity.Outcome;
import io.paddock.telemetry.entity.RaceResult;
import io.paddock.telemetry.entity.ResultChallenge;
import io.paddock.telemetry.entity.SimPlatform;
import io.paddock.telemetry.entity.TelemetrySession;

/**
 * Podium challenges and result submission with the telemetry proof, then reading results back:
 * own results, public podiums, monthly leaderboards per sim.
 */
@Stateless
public class Results {

    public static final String INSUFFICIENT_TELEMETRY = "INSUFFICIENT_TELEMETRY";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PluginRequests requests;

    @Inject
    Heartbeats heartbeats;

    @Inject
    jakarta.enterprise.event.Event<LiveSessions.SessionClosed> sessionClosed;

    @Inject
    MemberVerification members;

    @Inject
    Accounts accounts;

    /** A submitted result plus the podium challenge's nonce and answer (podiums only). */
    public record Submission(UUID sessionId, RaceResult.Race race, UUID challengeNonce, String challengeAnswer) {
    }

    public record Stored(RaceResult result, boolean memberVerified) {
    }

    public record LeaderboardRow(int rank, UUID userId, String displayName, long wins, long seconds, long thirds,
            long podiums) {
    }

    /** A nonce the plugin must answer within 5 s when it submits a podium for this session. */
    public ResultChallenge challenge(SignedRequests.Verified request, UUID sessionId) {
        requests.remember(request);
        TelemetrySession session = liveSession(request.caller(), sessionId);
        ResultChallenge challenge = new ResultChallenge(request.caller().installationId(), session.id(),
                clock.instant(), TelemetryProof.CHALLENGE_TTL);
        em.persist(challenge);
        return challenge;
    }

    public Stored submit(SignedRequests.Verified request, Submission submission) {
        requests.remember(request);
        PluginCaller caller = request.caller();
        Instant now = clock.instant();
        RaceResult.Race race = submission.race();
        if (race.simPlatform() != caller.platform()) {
            throw new InvalidRequestException("sim-platform-mismatch", "Sim platform mismatch",
                    "This installation is registered for " + caller.platform().label() + ", not "
                            + race.simPlatform().label() + ".");
        }
        TelemetrySession session = ownSession(caller, submission.sessionId());
        if (race.finalPosition() <= 3) {
            // Before the session checks, so a second use of a challenge is reported as such.
            checkChallenge(caller, session, submission, now);
        }
        requireLive(session);
        List<TelemetryProof.Snapshot> snapshots = heartbeats.snapshots(session.id());
        boolean jump = session.lastPosition() != null
                && TelemetryProof.positionJump(session.lastPosition(), race.finalPosition());
        OptionalInt continuity = TelemetryProof.continuity(snapshots);
        List<String> reasons = new ArrayList<>(TelemetryProof.flags(jump, continuity));
        Outcome outcome;
        if (!reasons.isEmpty()) {
            outcome = Outcome.FLAGGED;
        } else if (continuity.isEmpty()) {
            outcome = Outcome.PENDING;
            reasons.add(INSUFFICIENT_TELEMETRY);
        } else {
            outcome = Outcome.VERIFIED;
        }
        RaceResult result = new RaceResult(caller.userId(), caller.installationId(), session.id(), race,
                continuity.isPresent() ? continuity.getAsInt() : null, outcome, reasons, now);
        em.persist(result);
        session.resultSubmitted();
        sessionClosed.fire(new LiveSessions.SessionClosed(caller.installationId()));
        boolean memberVerified = outcome == Outcome.VERIFIED && members.evaluate(caller.userId());
        return new Stored(result, memberVerified);
    }

    /** The installation's current session, with an accepted heartbeat under 30 s old. */
    private TelemetrySession liveSession(PluginCaller caller, UUID sessionId) {
        TelemetrySession session = ownSession(caller, sessionId);
        requireLive(session);
        return session;
    }

    private TelemetrySession ownSession(PluginCaller caller, UUID sessionId) {
        TelemetrySession session = em.find(TelemetrySession.class, sessionId);
        if (session == null || !session.installationId().equals(caller.installationId())) {
            throw new ResourceNotFoundException("session-not-found", "Session not found",
                    "This installation has no telemetry session " + sessionId + ".");
        }
        return session;
    }

    private void requireLive(TelemetrySession session) {
        if (session.closed()) {
            throw new ConflictException("session-closed", "Session closed", session.endedStale()
                    ? "The session ended after a gap in heartbeats over 10 s; results need a live session."
                    : "This session's result was already submitted.");
        }
        if (!session.freshAt(clock.instant(), TelemetryProof.FRESH)) {
            throw new ConflictException("no-fresh-heartbeat", "No fresh heartbeat", "A result needs an accepted "
                    + "heartbeat of the same session under 30 s old; the last was at " + session.lastAcceptedAt() + ".");
        }
    }

    private void checkChallenge(PluginCaller caller, TelemetrySession session, Submission submission, Instant now) {
        if (submission.challengeNonce() == null || submission.challengeAnswer() == null) {
            throw new InvalidRequestException("challenge-required", "Challenge required",
                    "Podium results (P1–P3) must answer a challenge: POST /api/plugin/challenge first.");
        }
        ResultChallenge challenge = em.find(ResultChallenge.class, submission.challengeNonce());
        if (challenge == null || !challenge.issuedTo(caller.installationId(), session.id())) {
            throw new ResourceNotFoundException("challenge-not-found", "Challenge not found",
                    "No challenge " + submission.challengeNonce() + " was issued to this installation for this session.");
        }
        challenge.spend(now);
        RaceResult.Race race = submission.race();
        String digest = TelemetryProof.resultDigest(session.id().toString(), race.simPlatform().label(), race.track(),
                race.car(), race.series(), race.finalPosition(), race.fieldSize(), race.laps(), race.bestLapMs(),
                race.totalTimeMs(), race.competitiveness());
        String expected = TelemetryProof.challengeAnswer(caller.secret(), challenge.nonce().toString(), digest);
        if (!ConstantTime.equal(expected, submission.challengeAnswer().strip().toLowerCase())) {
            throw new InvalidRequestException("challenge-answer-invalid", "Challenge answer invalid",
                    "The answer is not HMAC-SHA256(secret, nonce + \".\" + resultDigest) for this result.");
        }
    }

    public List<RaceResult> of(UUID userId, int offset, int limit) {
        return em.createNamedQuery(RaceResult.OF_USER, RaceResult.class).setParameter("userId", userId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countOf(UUID userId) {
        return em.createNamedQuery(RaceResult.COUNT_OF_USER, Long.class).setParameter("userId", userId)
                .getSingleResult();
    }

    /** Verified P1–P3 results of a user (404 for an unknown user). */
    public List<RaceResult> podiums(UUID userId, int offset, int limit) {
        accounts.ref(userId);
        return em.createNamedQuery(RaceResult.PODIUMS_OF_USER, RaceResult.class).setParameter("userId", userId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Verified podiums in one sim and one UTC month: most wins first, then seconds, thirds. */
    public List<LeaderboardRow> leaderboard(SimPlatform platform, YearMonth month, int limit) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Object[]> rows = em.createNamedQuery(RaceResult.LEADERBOARD, Object[].class)
                .setParameter("platform", platform).setParameter("from", from).setParameter("to", to).getResultList();
        List<Object[]> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<Object[]>comparingLong(r -> -num(r[1])).thenComparingLong(r -> -num(r[2]))
                .thenComparingLong(r -> -num(r[3])).thenComparing(r -> r[0].toString()));
        List<Object[]> top = sorted.subList(0, Math.min(limit, sorted.size()));
        java.util.Map<UUID, String> names = accounts.displayNames(top.stream().map(r -> (UUID) r[0]).toList());
        List<LeaderboardRow> board = new ArrayList<>();
        for (Object[] row : top) {
            UUID userId = (UUID) row[0];
            board.add(new LeaderboardRow(board.size() + 1, userId, names.get(userId), num(row[1]), num(row[2]),
                    num(row[3]), num(row[4])));
        }
        return board;
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
