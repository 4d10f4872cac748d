package io.paddock.transfers.control;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.billing.control.Limit;
import io.paddock.billing.control.Limits;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.transfers.entity.JobState;
import io.paddock.transfers.entity.TransferFile;
import io.paddock.transfers.entity.TransferJob;

/**
 * What users ask of their transfer jobs. Each method is one transaction; what the engine must do
 * follows as an {@link EngineCommand} once it committed. A job of another user is "not found".
 */
@Stateless
public class Transfers {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Limits limits;

    @Inject
    TransfersUsage usage;

    @Inject
    TransferStorage storage;

    @Inject
    JobEvents events;

    @Inject
    Event<EngineCommand> commands;

    @Inject
    Providers providers;

    /** A page of a user's jobs, newest first. */
    public record Page(List<JobView> items, long total, int page, int size) {
    }

    /** One file of a job as the API shows it. */
    public record FileView(UUID id, int index, String path, long sizeBytes, String contentType, boolean selected,
            boolean complete) {

        static FileView of(TransferFile f) {
            return new FileView(f.id(), f.fileIndex(), f.path(), f.sizeBytes(), f.contentType(), f.selected(),
                    f.complete());
        }
    }

    public JobView submitMagnet(UUID owner, String magnetText) {
        MagnetLink magnet = MagnetLink.parse(magnetText);
        admit(owner, magnet.infoHash(), 0);
        TransferJob job = TransferJob.fromMagnet(owner, magnet.infoHash(), magnet.displayName(), magnet.canonical(),
                storage.defaultKind(), providers.active(), clock.instant());
        return persistNew(job, null);
    }

    /** A job from a .torrent file, with optional direct peers (host:port, comma-separated). */
    public JobView submitTorrent(UUID owner, byte[] metainfo, String peers) {
        TorrentMetadata metadata = TorrentMetadata.parse(metainfo);
        List<String> direct = MagnetLink.peers(peers);
        admit(owner, metadata.infoHash(), metadata.totalBytes());
        TransferJob job = TransferJob.fromTorrent(owner, metadata.infoHash(), metadata.name(), metadata.totalBytes(),
                metainfo, direct, storage.defaultKind(), providers.active(), clock.instant());
        return persistNew(job, metadata);
    }

    /** Blocklist, duplicate and plan limits, in that order. */
    private void admit(UUID owner, String infoHash, long bytes) {
        if (blocked(infoHash)) {
            throw TorrentProblems.blocked(infoHash);
        }
        if (!em.createNamedQuery(TransferJob.BY_OWNER_HASH, TransferJob.class).setParameter("owner", owner)
                .setParameter("hash", infoHash).getResultList().isEmpty()) {
            throw TorrentProblems.duplicate(infoHash);
        }
        limits.require(owner, Limit.CONCURRENT_JOBS, usage.openJobs(owner), 1);
        limits.require(owner, Limit.STORAGE_BYTES, usage.storedBytes(owner), bytes);
    }

    private JobView persistNew(TransferJob job, TorrentMetadata metadata) {
        em.persist(job);
        em.flush(); // files reference the job; no JPA relationship tells EclipseLink to insert it first
        if (metadata != null) {
            for (TorrentMetadata.Entry entry : metadata.files()) {
                em.persist(new TransferFile(job.id(), entry.index(), entry.path(), entry.size(),
                        ContentTypes.of(entry.path())));
            }
        }
        em.flush();
        events.record(job, "job");
        commands.fire(new EngineCommand(job.id(), EngineCommand.Action.START));
        return events.view(job);
    }

    public Page list(UUID owner, Set<JobState> states, int page, int size) {
        var query = states.isEmpty()
                ? em.createNamedQuery(TransferJob.BY_OWNER, TransferJob.class)
                : em.createNamedQuery(TransferJob.BY_OWNER_STATES, TransferJob.class).setParameter("states", states);
        List<TransferJob> jobs = query.setParameter("owner", owner).setFirstResult(page * size).setMaxResults(size)
                .getResultList();
        var count = states.isEmpty()
                ? em.createNamedQuery(TransferJob.COUNT_BY_OWNER, Long.class)
                : em.createNamedQuery(TransferJob.COUNT_BY_OWNER_STATES, Long.class).setParameter("states", states);
        long total = count.setParameter("owner", owner).getSingleResult();
        List<JobView> views = new ArrayList<>();
        jobs.forEach(j -> views.add(events.view(j)));
        return new Page(views, total, page, size);
    }

    public TransferJob find(UUID owner, UUID jobId) {
        return owned(owner, jobId, em.find(TransferJob.class, jobId));
    }

    /**
     * The user's job, its row locked until the caller's transaction ends: an engine report in flight
     * commits first and is seen here (a job is changed by its user or the engine one after the other, so
     * the user's change never meets a newer version; progress does not change the version at all).
     */
    private TransferJob locked(UUID owner, UUID jobId) {
        return owned(owner, jobId, em.find(TransferJob.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    private static TransferJob owned(UUID owner, UUID jobId, TransferJob job) {
        if (job == null || !job.ownedBy(owner)) {
            throw new ResourceNotFoundException("job-not-found", "Job not found", "You have no job " + jobId + ".");
        }
        return job;
    }

    public JobView get(UUID owner, UUID jobId) {
        return events.view(find(owner, jobId));
    }

    /** Any user's job, for staff: its owner's id and the job as its owner sees it. */
    public StaffJobView staffView(UUID jobId) {
        TransferJob job = em.find(TransferJob.class, jobId);
        if (job == null) {
            throw new ResourceNotFoundException("job-not-found", "Job not found", "There is no job " + jobId + ".");
        }
        return new StaffJobView(job.ownerId(), events.view(job));
    }

    /** A job as staff see it: whose it is, and the job. */
    public record StaffJobView(UUID ownerId, JobView job) {
    }

    public JobView pause(UUID owner, UUID jobId) {
        return change(owner, jobId, TransferJob::pause, EngineCommand.Action.STOP);
    }

    public JobView resume(UUID owner, UUID jobId) {
        return change(owner, jobId, TransferJob::resume, EngineCommand.Action.START);
    }

    /** A user's change of the job; when it changed anything, its event and then the engine's {@code next}. */
    private JobView change(UUID owner, UUID jobId, java.util.function.BiPredicate<TransferJob, Instant> change,
            EngineCommand.Action next) {
        TransferJob job = locked(owner, jobId);
        if (change.test(job, clock.instant())) {
            events.record(job, "job");
            commands.fire(new EngineCommand(jobId, next));
        }
        return events.view(job);
    }

    /** Stops the job for good and frees its files (the job stays listed as cancelled). */
    public JobView cancel(UUID owner, UUID jobId) {
        TransferJob job = locked(owner, jobId);
        job.cancel(clock.instant());
        events.record(job, "job");
        commands.fire(new EngineCommand(jobId, EngineCommand.Action.DISCARD));
        return events.view(job);
    }

    /** Removes the job, its rows and its files in every storage. */
    public void delete(UUID owner, UUID jobId) {
        TransferJob job = locked(owner, jobId);
        remove(job);
    }

    /** Removes a job and, after commit, its files (also used by the retention timer). */
    public void remove(TransferJob job) {
        events.deleted(job);
        em.createQuery("DELETE FROM TransferFile f WHERE f.jobId = :job").setParameter("job", job.id()).executeUpdate();
        em.remove(job);
        commands.fire(new EngineCommand(job.id(), EngineCommand.Action.DISCARD));
    }

    public List<FileView> files(UUID owner, UUID jobId) {
        find(owner, jobId);
        return em.createNamedQuery(TransferFile.OF_JOB, TransferFile.class).setParameter("job", jobId).getResultList()
                .stream().map(FileView::of).toList();
    }

    /**
     * Fetch or skip one file. A running job restarts on the new selection (bt-core 1.10 cannot skip a
     * file in a running session): it verifies what is on disk and fetches only what is selected.
     */
    public FileView select(UUID owner, UUID jobId, UUID fileId, boolean fetch) {
        TransferJob job = locked(owner, jobId);
        List<TransferFile> files = em.createNamedQuery(TransferFile.OF_JOB, TransferFile.class)
                .setParameter("job", jobId).getResultList();
        TransferFile file = files.stream().filter(f -> f.id().equals(fileId)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("file-not-found", "File not found",
                        "The job has no file " + fileId + "."));
        if (!fetch && files.stream().filter(f -> f != file).noneMatch(TransferFile::selected)) {
            throw new InvalidRequestException("no-file-selected", "Nothing left to fetch",
                    "At least one file of a job must stay selected; cancel the job to stop it.");
        }
        if (file.select(fetch, job)) {
            events.record(job, "job");
            if (JobState.RUNNING.contains(job.state())) {
                commands.fire(new EngineCommand(jobId, EngineCommand.Action.START));
            }
        }
        return FileView.of(file);
    }

    /** The job's .torrent: the uploaded file, or one made of the metadata fetched for a magnet. */
    public byte[] torrent(UUID owner, UUID jobId) {
        TransferJob job = find(owner, jobId);
        byte[] metainfo = job.metainfo();
        if (metainfo == null) {
            throw new io.paddock.platform.errors.ConflictException("metadata-pending", "Metadata not fetched yet",
                    "The torrent's metadata has not arrived from peers yet.");
        }
        return metainfo;
    }

    // ---- the blocklist (admins) ----------------------------------------------------------------

    public boolean blocked(String infoHash) {
        return !em.createNativeQuery("SELECT 1 FROM transfer_blocklist WHERE info_hash = ?1").setParameter(1, infoHash)
                .getResultList().isEmpty();
    }

    public void block(String infoHash, String reason) {
        em.createNativeQuery("INSERT INTO transfer_blocklist (info_hash, reason, created_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (info_hash) DO UPDATE SET reason = EXCLUDED.reason").setParameter(1, infoHash)
                .setParameter(2, reason).setParameter(3, Timestamp.from(clock.instant())).executeUpdate();
    }

    public boolean unblock(String infoHash) {
        return em.createNativeQuery("DELETE FROM transfer_blocklist WHERE info_hash = ?1").setParameter(1, infoHash)
                .executeUpdate() > 0;
    }

    /** The blocklist, newest first: infohash and reason. */
    public List<Object[]> blocklist() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT info_hash, reason, created_at FROM transfer_blocklist ORDER BY created_at DESC").getResultList();
        return rows;
    }

}
