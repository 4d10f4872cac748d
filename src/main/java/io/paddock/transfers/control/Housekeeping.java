package io.paddock.transfers.control;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.Limits;
import io.paddock.transfers.entity.JobState;
import io.paddock.transfers.entity.TransferFile;
import io.paddock.transfers.entity.TransferJob;

/**
 * Retention and the orphan sweep. Retention removes finished jobs (completed, failed, cancelled) whose
 * last change is older than the owner's plan's retention in days, with their files. The sweep removes
 * what lost its partner: job folders and bucket objects without a job row, and file rows of a
 * completed job whose stored file is gone (a completed job left with no file is removed too).
 */
@Stateless
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    private static final EnumSet<JobState> FINISHED = EnumSet.of(JobState.COMPLETED, JobState.FAILED,
            JobState.CANCELLED);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Limits limits;

    @Inject
    Transfers transfers;

    @Inject
    TransferStorage storage;

    @Inject
    JobEvents events;

    public int expire() {
        int removed = 0;
        for (UUID owner : em.createNamedQuery(TransferJob.OWNERS, UUID.class).getResultList()) {
            long days = limits.allowed(owner, Limit.RETENTION_DAYS);
            if (days < 0) {
                continue;
            }
            for (TransferJob job : em.createNamedQuery(TransferJob.FINISHED_BEFORE, TransferJob.class)
                    .setParameter("owner", owner).setParameter("states", FINISHED)
                    .setParameter("before", clock.instant().minus(Duration.ofDays(days))).getResultList()) {
                transfers.remove(job);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Retention removed " + removed + " transfer job(s).");
        }
        return removed;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int sweep() {
        Set<UUID> known = new HashSet<>(em.createQuery("SELECT j.id FROM TransferJob j", UUID.class).getResultList());
        int removed = 0;
        for (UUID id : storage.local().jobIds()) {
            if (!known.contains(id)) {
                storage.local().deleteJob(id);
                removed++;
            }
        }
        if (storage.s3().isPresent()) {
            for (UUID id : storage.s3().get().jobIds()) {
                if (!known.contains(id)) {
                    storage.s3().get().deleteJob(id);
                    removed++;
                }
            }
        }
        List<TransferJob> completed = em.createNamedQuery(TransferJob.BY_STATES, TransferJob.class)
                .setParameter("states", EnumSet.of(JobState.COMPLETED)).getResultList();
        for (TransferJob job : completed) {
            List<TransferFile> files = em.createNamedQuery(TransferFile.OF_JOB, TransferFile.class)
                    .setParameter("job", job.id()).getResultList();
            int left = 0;
            for (TransferFile file : files) {
                if (file.storageKey() != null && !storage.store(job.storage()).exists(file.storageKey())) {
                    em.remove(file);
                    removed++;
                } else if (file.storageKey() != null) {
                    left++;
                }
            }
            if (left == 0 && !files.isEmpty()) {
                transfers.remove(job);
                removed++;
            } else if (left < files.stream().filter(f -> f.storageKey() != null).count()) {
                events.record(job, "job");
            }
        }
        if (removed > 0) {
            LOG.info("Orphan sweep removed " + removed + " object(s) or row(s).");
        }
        return removed;
    }

    public int pruneEvents(Duration keep) {
        return events.prune(keep);
    }
}
