package io.paddock.transfers.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.Caller;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.transfers.entity.TransferJob;

/** The dead-letter queue for staff: jobs out of attempts, and replaying one (audited). */
@Stateless
public class DeadLetters {

    /** A dead-lettered job as staff see it. */
    public record DeadLetterView(UUID jobId, UUID ownerId, String name, String infoHash, int attempts,
            String lastError, Instant deadAt) {
    }

    /** A page of dead letters, most recent first. */
    public record DeadLetterPage(List<DeadLetterView> items, long total, int page, int size) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobQueue queue;

    @Inject
    JobEvents events;

    @Inject
    AuditTrail audit;

    @Inject
    Event<EngineCommand> commands;

    public DeadLetterPage page(int page, int size) {
        List<DeadLetterView> items = queue.deadLetters(page, size).stream().map(d -> {
            TransferJob job = em.find(TransferJob.class, d.jobId());
            return new DeadLetterView(d.jobId(), job.ownerId(), job.name(), job.infoHash(), d.attempts(),
                    d.lastError(), d.deadAt());
        }).toList();
        return new DeadLetterPage(items, queue.deadLetterCount(), page, size);
    }

    /** The job starts over (submitted, attempts from zero); {@code 404 dead-letter-not-found} unless dead-lettered. */
    public Transfers.StaffJobView replay(Caller actor, UUID jobId, Justification why) {
        TransferJob job = em.find(TransferJob.class, jobId);
        if (job == null || !queue.dead(jobId)) {
            throw new ResourceNotFoundException("dead-letter-not-found", "Not in the dead-letter queue",
                    "The job " + jobId + " is not in the dead-letter queue.");
        }
        job.replay(clock.instant());
        events.record(job, "job");
        commands.fire(new EngineCommand(jobId, EngineCommand.Action.START)); // READY again, attempts reset
        audit.record(new AuditTrail.Actor(actor.userId(), actor.displayName()),
                AuditTrail.Action.of("transfers.dlq.replay", "job", jobId).change("dead-lettered", "queued"), why);
        return new Transfers.StaffJobView(job.ownerId(), events.view(job));
    }
}
