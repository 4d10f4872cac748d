package io.paddock.telemetry.control;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.Caller;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.telemetry.entity.Outcome;
import io.paddock.telemetry.entity.RaceResult;
import io.paddock.telemetry.entity.TelemetrySession;

/**
 * Staff review of results and members: the queue of results the proof did not verify, with the
 * telemetry that decided them; verifying or rejecting one; setting a member's state by hand. Every
 * decision is recorded in the audit trail in its own transaction.
 */
@Stateless
public class ResultReview {

    /** A result in the queue with its owner's name and the session's telemetry as evidence. */
    public record Entry(RaceResult result, String ownerName, TelemetrySession session) {
    }

    public record Queue(long total, List<Entry> entries) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Accounts accounts;

    @Inject
    MemberVerification members;

    @Inject
    AuditTrail audit;

    /** Results in {@code outcomes}, oldest first; owners and sessions loaded in one query each. */
    public Queue queue(Collection<Outcome> outcomes, int offset, int limit) {
        List<RaceResult> results = em.createNamedQuery(RaceResult.REVIEW_QUEUE, RaceResult.class)
                .setParameter("outcomes", outcomes).setFirstResult(offset).setMaxResults(limit).getResultList();
        long total = em.createNamedQuery(RaceResult.REVIEW_QUEUE_COUNT, Long.class)
                .setParameter("outcomes", outcomes).getSingleResult();
        if (results.isEmpty()) {
            return new Queue(total, List.of());
        }
        Map<UUID, String> names = accounts.displayNames(results.stream().map(RaceResult::userId).toList());
        Map<UUID, TelemetrySession> sessions = em.createQuery("SELECT s FROM TelemetrySession s WHERE s.id IN :ids",
                        TelemetrySession.class)
                .setParameter("ids", results.stream().map(RaceResult::sessionId).distinct().toList())
                .getResultStream().collect(Collectors.toMap(TelemetrySession::id, Function.identity()));
        return new Queue(total, results.stream()
                .map(r -> new Entry(r, names.get(r.userId()), sessions.get(r.sessionId()))).toList());
    }

    /**
     * Verifies or rejects a result read at {@code version}. A verified result counts at once, and may
     * complete its owner's membership; a rejected one stops counting (the member state stays as it is:
     * set it by hand when the rejected result was what verified the member).
     */
    public RaceResult review(Caller reviewer, UUID resultId, Outcome decision, long version, Justification why) {
        RaceResult result = em.find(RaceResult.class, resultId);
        if (result == null) {
            throw new ResourceNotFoundException("result-not-found", "Result not found", "No result " + resultId + ".");
        }
        if (result.version() != version) {
            throw new ConflictException("concurrent-update", "Concurrent update",
                    "The result changed since you read it (version " + result.version() + "); read it again.");
        }
        Outcome before = result.outcome();
        result.review(decision, reviewer.userId(), why.reason(), clock.instant());
        audit.record(actor(reviewer), AuditTrail.Action.of("telemetry.result.review", "result", resultId)
                .change("outcome=" + before.id(), "outcome=" + decision.id()), why);
        if (decision == Outcome.VERIFIED) {
            members.evaluate(result.userId());
        }
        return result;
    }

    /** Sets a member's state by hand; asking for the state the member already has is a 409, not a second row. */
    public MemberVerification.Report setMembership(Caller admin, UUID userId, boolean verified, Justification why) {
        String before = members.explain(userId).memberState();
        if (!accounts.setMembership(userId, verified)) {
            throw new ConflictException("membership-unchanged", "Membership unchanged",
                    "This member is already " + before + ".");
        }
        audit.record(actor(admin), AuditTrail.Action.of("telemetry.member.set", "user", userId)
                .change("member=" + before, "member=" + (verified ? "verified" : "pending")), why);
        return members.explain(userId);
    }

    private static AuditTrail.Actor actor(Caller caller) {
        return new AuditTrail.Actor(caller.userId(), caller.displayName());
    }
}
