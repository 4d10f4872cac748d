package io.paddock.transfers.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A torrent download of one user. Every state change goes through a method that refuses illegal
 * transitions: pause, resume and cancel of a completed, failed or cancelled job are conflicts (409);
 * what the engine reports (metadata, progress, completion) is ignored once the job left the states in
 * which the engine works on it, so a late callback never revives a paused or cancelled job.
 */
@Entity
@Table(name = "transfer_jobs")
@NamedQuery(name = TransferJob.BY_OWNER, query = "SELECT j FROM TransferJob j WHERE j.ownerId = :owner "
        + "ORDER BY j.createdAt DESC, j.id")
@NamedQuery(name = TransferJob.BY_OWNER_STATES, query = "SELECT j FROM TransferJob j WHERE j.ownerId = :owner "
        + "AND j.state IN :states ORDER BY j.createdAt DESC, j.id")
@NamedQuery(name = TransferJob.COUNT_BY_OWNER, query = "SELECT COUNT(j) FROM TransferJob j WHERE j.ownerId = :owner")
@NamedQuery(name = TransferJob.COUNT_BY_OWNER_STATES, query = "SELECT COUNT(j) FROM TransferJob j "
        + "WHERE j.ownerId = :owner AND j.state IN :states")
@NamedQuery(name = TransferJob.BY_STATES, query = "SELECT j FROM TransferJob j WHERE j.state IN :states ORDER BY j.createdAt")
@NamedQuery(name = TransferJob.BY_OWNER_HASH, query = "SELECT j FROM TransferJob j WHERE j.ownerId = :owner "
        + "AND j.infoHash = :hash")
@NamedQuery(name = TransferJob.STORED_BYTES, query = "SELECT COALESCE(SUM(j.bytesTotal), 0) FROM TransferJob j "
        + "WHERE j.ownerId = :owner AND j.state NOT IN :gone")
@NamedQuery(name = TransferJob.FINISHED_BEFORE, query = "SELECT j FROM TransferJob j WHERE j.ownerId = :owner "
        + "AND j.state IN :states AND j.updatedAt < :before")
@NamedQuery(name = TransferJob.OWNERS, query = "SELECT DISTINCT j.ownerId FROM TransferJob j")
// SQL, not JPQL: EclipseLink's JPQL bulk update raises the version of a versioned entity.
@NamedNativeQuery(name = TransferJob.WRITE_PROGRESS, query = "UPDATE transfer_jobs SET bytes_done = ?1, "
        + "download_speed = ?2, upload_speed = ?3, peers = ?4, eta_seconds = CAST(?5 AS bigint), state = ?6, updated_at = ?7 "
        + "WHERE id = ?8 AND state = ?9")
public class TransferJob {

    public static final String BY_OWNER = "TransferJob.byOwner";
    public static final String BY_OWNER_STATES = "TransferJob.byOwnerStates";
    public static final String COUNT_BY_OWNER = "TransferJob.countByOwner";
    public static final String COUNT_BY_OWNER_STATES = "TransferJob.countByOwnerStates";
    public static final String BY_STATES = "TransferJob.byStates";
    public static final String BY_OWNER_HASH = "TransferJob.byOwnerHash";
    public static final String STORED_BYTES = "TransferJob.storedBytes";
    public static final String FINISHED_BEFORE = "TransferJob.finishedBefore";
    public static final String OWNERS = "TransferJob.owners";
    /**
     * Stores what {@link #progress} decided without a new version (an SQL update leaves {@code version}
     * alone), only while the job is still in the state it was read in: the engine's progress never
     * makes a user's pause or cancel of the job a conflicting update.
     */
    public static final String WRITE_PROGRESS = "TransferJob.writeProgress";

    @Id
    private UUID id;
    private UUID ownerId;
    private String infoHash;
    private String name;
    @Enumerated(EnumType.STRING)
    private JobSource source;
    private String magnet;
    private String directPeers;
    // Not lazy: EclipseLink loads a lazy attribute by reading the row again, which would undo changes
    // made to the entity before it (a name and size set with the fetched metadata were lost so).
    private byte[] metainfo;
    @Enumerated(EnumType.STRING)
    private JobState state;
    private String failure;
    private Long bytesTotal;
    private long bytesDone;
    private long downloadSpeed;
    private long uploadSpeed;
    private int peers;
    private Long etaSeconds;
    @Enumerated(EnumType.STRING)
    private StorageKind storage;
    @Enumerated(EnumType.STRING)
    private Provider provider;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant completedAt;
    @Version
    private long version;

    protected TransferJob() {
    }

    /** A job from a magnet link: its files are known once the engine fetched the metadata. */
    public static TransferJob fromMagnet(UUID ownerId, String infoHash, String displayName, String magnet,
            StorageKind storage, Provider provider, Instant now) {
        TransferJob job = new TransferJob(ownerId, infoHash, displayName, JobSource.MAGNET, storage, provider, now);
        job.magnet = Objects.requireNonNull(magnet);
        return job;
    }

    /** A job from a .torrent file: name, size and files are known at once. */
    public static TransferJob fromTorrent(UUID ownerId, String infoHash, String name, long bytesTotal,
            byte[] metainfo, java.util.List<String> peers, StorageKind storage, Provider provider, Instant now) {
        TransferJob job = new TransferJob(ownerId, infoHash, name, JobSource.TORRENT, storage, provider, now);
        job.directPeers = peers.isEmpty() ? null : String.join(",", peers);
        job.metainfo = metainfo.clone();
        job.bytesTotal = bytesTotal;
        return job;
    }

    private TransferJob(UUID ownerId, String infoHash, String name, JobSource source, StorageKind storage,
            Provider provider, Instant now) {
        this.id = UUID.randomUUID();
        this.ownerId = Objects.requireNonNull(ownerId);
        this.infoHash = Objects.requireNonNull(infoHash);
        this.name = name == null || name.isBlank() ? infoHash : truncate(name.strip(), 500);
        this.source = source;
        this.storage = Objects.requireNonNull(storage);
        this.provider = Objects.requireNonNull(provider);
        this.state = JobState.SUBMITTED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    // ---- the user's actions -------------------------------------------------------------------

    /** Stops the engine's work, keeping what is on disk. Pausing a paused job changes nothing. */
    public boolean pause(Instant now) {
        if (state == JobState.PAUSED) {
            return false;
        }
        if (!JobState.RUNNING.contains(state)) {
            throw new JobConflict(this, "be paused");
        }
        return moveTo(JobState.PAUSED, now);
    }

    /** Continues a paused job from what is on disk. Resuming a running job changes nothing. */
    public boolean resume(Instant now) {
        if (JobState.RUNNING.contains(state)) {
            return false;
        }
        if (state != JobState.PAUSED) {
            throw new JobConflict(this, "be resumed");
        }
        return moveTo(JobState.SUBMITTED, now);
    }

    public void cancel(Instant now) {
        if (state.terminal()) {
            throw new JobConflict(this, "be cancelled");
        }
        moveTo(JobState.CANCELLED, now);
    }

    // ---- what the engine reports ----------------------------------------------------------------

    /** The engine took the job: it fetches metadata first unless the torrent is known. */
    public boolean engineStarted(Instant now) {
        if (state != JobState.SUBMITTED) {
            return false;
        }
        return moveTo(metainfo == null ? JobState.METADATA_FETCH : JobState.QUEUED, now);
    }

    /** The torrent's metadata arrived (magnet jobs). */
    public boolean metadataArrived(String torrentName, long totalBytes, byte[] fetched, Instant now) {
        if (state != JobState.METADATA_FETCH && state != JobState.SUBMITTED) {
            return false;
        }
        if (torrentName != null && !torrentName.isBlank()) {
            name = truncate(torrentName.strip(), 500);
        }
        bytesTotal = totalBytes;
        if (fetched != null) {
            metainfo = fetched.clone();
        }
        return moveTo(JobState.QUEUED, now);
    }

    /**
     * Progress of a working job; false (and nothing changes) once the job stopped working or when nothing
     * moved. The engine's samples are stored with {@link #WRITE_PROGRESS}, not as a versioned change.
     */
    public boolean progress(long done, long down, long up, int peerCount, Long eta, Instant now) {
        if (state != JobState.QUEUED && state != JobState.DOWNLOADING) {
            return false;
        }
        long newDone = Math.max(0, bytesTotal == null ? done : Math.min(done, bytesTotal));
        JobState newState = state == JobState.QUEUED && done > 0 ? JobState.DOWNLOADING : state;
        if (newDone == bytesDone && down == downloadSpeed && up == uploadSpeed && peerCount == peers
                && java.util.Objects.equals(eta, etaSeconds) && newState == state) {
            return false; // nothing new: nothing stored, nothing sent
        }
        bytesDone = newDone;
        downloadSpeed = Math.max(0, down);
        uploadSpeed = Math.max(0, up);
        peers = Math.max(0, peerCount);
        etaSeconds = eta;
        state = newState;
        updatedAt = now;
        return true;
    }

    /** Every selected piece is on disk: the job uploads to its storage next, or is complete. */
    public boolean downloaded(long selectedBytes, Instant now) {
        if (state != JobState.QUEUED && state != JobState.DOWNLOADING && state != JobState.METADATA_FETCH) {
            return false;
        }
        bytesDone = selectedBytes;
        downloadSpeed = 0;
        uploadSpeed = 0;
        peers = 0;
        etaSeconds = 0L;
        if (storage == StorageKind.S3) {
            return moveTo(JobState.UPLOADING, now);
        }
        completedAt = now;
        return moveTo(JobState.COMPLETED, now);
    }

    /** Every selected file is in the job's storage. */
    public boolean uploaded(Instant now) {
        if (state != JobState.UPLOADING) {
            return false;
        }
        completedAt = now;
        return moveTo(JobState.COMPLETED, now);
    }

    /** The job cannot go on; {@code reason} is shown to the user. A finished job does not fail. */
    public boolean fail(String reason, Instant now) {
        if (state.terminal()) {
            return false;
        }
        failure = truncate(reason == null ? "Unknown failure" : reason, 1000);
        downloadSpeed = 0;
        uploadSpeed = 0;
        return moveTo(JobState.FAILED, now);
    }

    /**
     * An attempt failed and the queue will try again: the job waits, {@code submitted}, until a node
     * claims it after the backoff. A job no longer worked on (paused, finished) is not touched.
     */
    public boolean retry(Instant now) {
        if (!JobState.RUNNING.contains(state) && state != JobState.UPLOADING) {
            return false;
        }
        return moveTo(JobState.SUBMITTED, now);
    }

    /** A dead-lettered job is tried again from the start of its attempts; only a failed job can be. */
    public void replay(Instant now) {
        if (state != JobState.FAILED) {
            throw new JobConflict(this, "be replayed");
        }
        failure = null;
        moveTo(JobState.SUBMITTED, now);
    }

    private boolean moveTo(JobState next, Instant now) {
        state = next;
        updatedAt = now;
        if (next != JobState.DOWNLOADING && next != JobState.QUEUED) {
            downloadSpeed = 0;
            uploadSpeed = 0;
            peers = 0;
            etaSeconds = null;
        }
        return true;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    public boolean ownedBy(UUID userId) {
        return ownerId.equals(userId);
    }

    public UUID id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String infoHash() {
        return infoHash;
    }

    public String name() {
        return name;
    }

    public JobSource source() {
        return source;
    }

    public String magnet() {
        return magnet;
    }

    /** Direct peers given with a .torrent (host:port). */
    public java.util.List<String> directPeers() {
        return directPeers == null ? java.util.List.of() : java.util.List.of(directPeers.split(","));
    }

    public byte[] metainfo() {
        return metainfo == null ? null : metainfo.clone();
    }

    public boolean hasMetainfo() {
        return metainfo != null;
    }

    public JobState state() {
        return state;
    }

    public String failure() {
        return failure;
    }

    public Long bytesTotal() {
        return bytesTotal;
    }

    public long bytesDone() {
        return bytesDone;
    }

    public long downloadSpeed() {
        return downloadSpeed;
    }

    public long uploadSpeed() {
        return uploadSpeed;
    }

    public int peers() {
        return peers;
    }

    public Long etaSeconds() {
        return etaSeconds;
    }

    public StorageKind storage() {
        return storage;
    }

    /** The provider the job started on; it finishes there whatever is active later. */
    public Provider provider() {
        return provider;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public long version() {
        return version;
    }
}
