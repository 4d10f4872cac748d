package io.paddock.transfers.control;

import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.UsageMeter;
import io.paddock.transfers.entity.JobState;
import io.paddock.transfers.entity.TransferJob;

/**
 * Transfers' share of a user's usage: concurrent jobs (every job not completed, failed or cancelled,
 * paused ones included: they hold their place) and storage (the size of every job that is not failed or
 * cancelled; a torrent's size counts once its metadata is known).
 */
@ApplicationScoped
public class TransfersUsage implements UsageMeter {

    static final EnumSet<JobState> OPEN = EnumSet.complementOf(EnumSet.of(JobState.COMPLETED, JobState.FAILED,
            JobState.CANCELLED));

    @PersistenceContext
    EntityManager em;

    @Override
    public Map<Limit, Long> usage(UUID userId) {
        return Map.of(Limit.CONCURRENT_JOBS, openJobs(userId), Limit.STORAGE_BYTES, storedBytes(userId));
    }

    public long openJobs(UUID userId) {
        return em.createNamedQuery(TransferJob.COUNT_BY_OWNER_STATES, Long.class).setParameter("owner", userId)
                .setParameter("states", OPEN).getSingleResult();
    }

    public long storedBytes(UUID userId) {
        Number sum = em.createNamedQuery(TransferJob.STORED_BYTES, Number.class).setParameter("owner", userId)
                .setParameter("gone", EnumSet.of(JobState.FAILED, JobState.CANCELLED)).getSingleResult();
        return sum == null ? 0 : sum.longValue();
    }
}
