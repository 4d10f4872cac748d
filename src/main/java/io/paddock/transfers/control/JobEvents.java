package io.paddock.transfers.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.paddock.platform.json.Json;
import io.paddock.transfers.entity.TransferEvent;
import io.paddock.transfers.entity.TransferFile;
import io.paddock.transfers.entity.TransferJob;

/**
 * Stores a job's events in the caller's transaction and fires {@link JobChanged}, which
 * {@link TransferFeed} delivers after commit. Types: {@code job} (state or details changed),
 * {@code progress}, {@code deleted}.
 */
@Stateless
public class JobEvents {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<JobChanged> changed;

    /**
     * Stores the job as its change left it: the change is flushed first, so the event carries the job's
     * new {@code version} (JPA raises it when it writes the row), the one a later read shows.
     */
    public void record(TransferJob job, String type) {
        em.flush();
        store(job.ownerId(), job.id(), type, view(job));
    }

    public void deleted(TransferJob job) {
        store(job.ownerId(), job.id(), "deleted", java.util.Map.of("id", job.id()));
    }

    public JobView view(TransferJob job) {
        return JobView.of(job, selectedBytes(job));
    }

    /** Bytes of the job's selected files, or its whole size while its files are not known. */
    public long selectedBytes(TransferJob job) {
        List<TransferFile> files = em.createNamedQuery(TransferFile.OF_JOB, TransferFile.class)
                .setParameter("job", job.id()).getResultList();
        if (files.isEmpty()) {
            return job.bytesTotal() == null ? 0 : job.bytesTotal();
        }
        return files.stream().filter(TransferFile::selected).mapToLong(TransferFile::sizeBytes).sum();
    }

    private void store(UUID owner, UUID jobId, String type, Object data) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A job view is always JSON", e);
        }
        TransferEvent event = new TransferEvent(owner, jobId, type, json, clock.instant());
        em.persist(event);
        em.flush();
        changed.fire(new JobChanged(event.id(), owner, jobId, type, json));
    }

    /** Events of a user after {@code afterId}, oldest first (at most {@code max}). */
    public List<TransferEvent> after(UUID owner, long afterId, int max) {
        return em.createNamedQuery(TransferEvent.AFTER, TransferEvent.class).setParameter("owner", owner)
                .setParameter("after", afterId).setMaxResults(max).getResultList();
    }

    /** Removes events older than {@code keep}; returns how many. */
    public int prune(Duration keep) {
        return em.createNamedQuery(TransferEvent.PRUNE).setParameter("before", clock.instant().minus(keep))
                .executeUpdate();
    }
}
