package io.paddock.transfers.control;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.Limits;
import io.paddock.billing.control.LimitExceededException;
import io.paddock.transfers.entity.JobState;
import io.paddock.transfers.entity.StorageKind;
import io.paddock.transfers.entity.TransferFile;
import io.paddock.transfers.entity.TransferJob;

/**
 * What the engine reports, stored: each method runs in its own transaction, finds the job again and
 * asks the entity, which ignores a report for a job no longer working (paused, cancelled, deleted).
 * A report that changes the job's state locks its row first (as the user's actions do), so the two
 * never meet as conflicting versions; progress is stored without a new version.
 */
@Stateless
public class JobUpdates {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobEvents events;

    @Inject
    Limits limits;

    @Inject
    TransferStorage storage;

    @Inject
    Event<EngineCommand> commands;

    @Inject
    TransfersUsage usage;

    @Inject
    JobQueue queue;

    public void started(UUID jobId) {
        TransferJob job = locked(jobId);
        if (job != null && job.engineStarted(clock.instant())) {
            events.record(job, "job");
        }
    }

    /**
     * The metadata arrived: the job's files are stored (once) and the storage limit is checked against
     * the torrent's size now that it is known; past it, the job fails and the engine stops.
     */
    public void metadata(UUID jobId, TorrentMetadata metadata, byte[] metainfo) {
        TransferJob job = locked(jobId);
        if (job == null) {
            return;
        }
        List<TransferFile> files = files(jobId);
        if (files.isEmpty()) {
            for (TorrentMetadata.Entry entry : metadata.files()) {
                em.persist(new TransferFile(jobId, entry.index(), entry.path(), entry.size(),
                        ContentTypes.of(entry.path())));
            }
        }
        boolean fresh = job.bytesTotal() == null;
        if (job.metadataArrived(metadata.name(), metadata.totalBytes(), metainfo, clock.instant())) {
            if (fresh) {
                try {
                    long others = usage.storedBytes(job.ownerId()) - metadata.totalBytes();
                    limits.require(job.ownerId(), Limit.STORAGE_BYTES, Math.max(0, others), metadata.totalBytes());
                } catch (LimitExceededException e) {
                    job.fail(e.getMessage(), clock.instant());
                    commands.fire(new EngineCommand(jobId, EngineCommand.Action.STOP));
                }
            }
            events.record(job, "job");
        }
    }

    /**
     * A progress sample, decided by the entity and stored without a new version, only if the job is still
     * in the state it was read in (a pause or cancel committed meanwhile wins, and is never a conflict).
     */
    public void progress(UUID jobId, TorrentEngine.Progress progress) {
        TransferJob job = em.find(TransferJob.class, jobId);
        if (job == null) {
            return;
        }
        JobState before = job.state();
        Long eta = progress.downloadSpeed() > 0
                ? (progress.bytesSelected() - progress.bytesDone()) / progress.downloadSpeed() : null;
        if (!job.progress(progress.bytesDone(), progress.downloadSpeed(), progress.uploadSpeed(), progress.peers(),
                eta, clock.instant())) {
            return;
        }
        em.detach(job); // its changes are written below, not flushed as a versioned update
        int written = em.createNamedQuery(TransferJob.WRITE_PROGRESS).setParameter(1, job.bytesDone())
                .setParameter(2, job.downloadSpeed()).setParameter(3, job.uploadSpeed())
                .setParameter(4, job.peers()).setParameter(5, job.etaSeconds())
                .setParameter(6, job.state().name())
                .setParameter(7, java.time.OffsetDateTime.ofInstant(job.updatedAt(), java.time.ZoneOffset.UTC))
                .setParameter(8, jobId).setParameter(9, before.name()).executeUpdate();
        if (written == 1) {
            events.record(job, before == job.state() ? "progress" : "job");
        }
    }

    /** Every selected piece is on disk: local files are complete where they are; S3 jobs upload next. */
    public void downloaded(UUID jobId, TorrentEngine.Progress last) {
        TransferJob job = locked(jobId);
        if (job == null || !job.downloaded(last.bytesSelected(), clock.instant())) {
            return;
        }
        if (job.storage() == StorageKind.LOCAL) {
            for (TransferFile file : files(jobId)) {
                if (file.selected()) {
                    file.stored(storage.local().key(jobId, file.path()));
                }
            }
            queue.remove(jobId);
        } else {
            commands.fire(new EngineCommand(jobId, EngineCommand.Action.UPLOAD));
        }
        events.record(job, "job");
    }

    /** The selected files are in the bucket under these keys (file id → key). */
    public void uploaded(UUID jobId, Map<UUID, String> keys) {
        TransferJob job = locked(jobId);
        if (job == null) {
            return;
        }
        for (TransferFile file : files(jobId)) {
            String key = keys.get(file.id());
            if (key != null) {
                file.stored(key);
            }
        }
        if (job.uploaded(clock.instant())) {
            queue.remove(jobId);
            events.record(job, "job");
        }
    }

    /**
     * An attempt failed (the engine stopped, or the upload broke off): the queue tries again after its
     * backoff (the job waits, submitted) or, out of attempts, dead-letters it and the job fails with the
     * reason. A report for a job no longer worked on changes nothing.
     */
    public void failed(UUID jobId, String reason) {
        TransferJob job = locked(jobId);
        if (job == null || !(JobState.RUNNING.contains(job.state()) || job.state() == JobState.UPLOADING)) {
            return;
        }
        boolean changed = switch (queue.failed(jobId, reason)) {
            case RETRY -> job.retry(clock.instant());
            case DEAD, FAIL -> job.fail(reason, clock.instant());
        };
        if (changed) {
            events.record(job, "job");
        }
    }

    /** A claimed job that is not to run (paused or gone meanwhile) leaves the queue. */
    public void notRunnable(UUID jobId) {
        TransferJob job = em.find(TransferJob.class, jobId);
        if (job == null || !(JobState.RUNNING.contains(job.state()) || job.state() == JobState.UPLOADING)) {
            queue.remove(jobId);
        }
    }

    /** What the engine needs to start a job, or null when the job is gone or not to run. */
    public TorrentEngine.Job engineJob(UUID jobId) {
        TransferJob job = em.find(TransferJob.class, jobId);
        if (job == null || !JobState.RUNNING.contains(job.state())) {
            return null;
        }
        java.util.Set<Integer> skipped = new java.util.HashSet<>();
        for (TransferFile file : files(jobId)) {
            if (!file.selected()) {
                skipped.add(file.fileIndex());
            }
        }
        // A magnet's direct peers are offered again while none is connected, also once the job continues
        // from its stored metadata.
        java.util.List<String> peers = new java.util.ArrayList<>(job.directPeers());
        if (job.magnet() != null) {
            peers.addAll(MagnetLink.parse(job.magnet()).peers());
        }
        return new TorrentEngine.Job(job.id(), job.infoHash(), job.magnet(), job.metainfo(), List.copyOf(peers),
                storage.local().jobDirectory(job.id()), java.util.Set.copyOf(skipped));
    }

    /** The files to upload: id → path under the job's folder, for an uploading job. */
    public Map<UUID, String> toUpload(UUID jobId) {
        TransferJob job = em.find(TransferJob.class, jobId);
        if (job == null || job.state() != JobState.UPLOADING) {
            return Map.of();
        }
        Map<UUID, String> out = new java.util.LinkedHashMap<>();
        for (TransferFile file : files(jobId)) {
            if (file.selected()) {
                out.put(file.id(), file.path());
            }
        }
        return out;
    }

    public JobState state(UUID jobId) {
        TransferJob job = em.find(TransferJob.class, jobId);
        return job == null ? null : job.state();
    }

    private TransferJob locked(UUID jobId) {
        return em.find(TransferJob.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    private List<TransferFile> files(UUID jobId) {
        return em.createNamedQuery(TransferFile.OF_JOB, TransferFile.class).setParameter("job", jobId).getResultList();
    }
}
