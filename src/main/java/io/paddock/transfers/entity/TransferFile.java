package io.paddock.transfers.entity;

import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One file of a job's torrent: selected (fetched) or skipped, and where it lives once complete. */
@Entity
@Table(name = "transfer_files")
@NamedQuery(name = TransferFile.OF_JOB, query = "SELECT f FROM TransferFile f WHERE f.jobId = :job ORDER BY f.fileIndex")
@NamedQuery(name = TransferFile.ALL_KEYS, query = "SELECT f.storageKey FROM TransferFile f WHERE f.storageKey IS NOT NULL")
public class TransferFile {

    public static final String OF_JOB = "TransferFile.ofJob";
    public static final String ALL_KEYS = "TransferFile.allKeys";

    @Id
    private UUID id;
    private UUID jobId;
    private int fileIndex;
    private String path;
    private long sizeBytes;
    private String contentType;
    private boolean selected;
    private boolean complete;
    private String storageKey;
    @Version
    private long version;

    protected TransferFile() {
    }

    public TransferFile(UUID jobId, int fileIndex, String path, long sizeBytes, String contentType) {
        this.id = UUID.randomUUID();
        this.jobId = Objects.requireNonNull(jobId);
        this.fileIndex = fileIndex;
        this.path = Objects.requireNonNull(path);
        this.sizeBytes = sizeBytes;
        this.contentType = Objects.requireNonNull(contentType);
        this.selected = true;
    }

    /** Fetch or skip this file; a finished job's selection no longer changes. */
    public boolean select(boolean fetch, TransferJob job) {
        if (job.state().terminal() || job.state() == JobState.UPLOADING) {
            throw new JobConflict(job, "change its file selection");
        }
        boolean changed = selected != fetch;
        selected = fetch;
        return changed;
    }

    /** The file is complete and stored under {@code key}. */
    public void stored(String key) {
        this.complete = true;
        this.storageKey = key;
    }

    public UUID id() {
        return id;
    }

    public UUID jobId() {
        return jobId;
    }

    public int fileIndex() {
        return fileIndex;
    }

    public String path() {
        return path;
    }

    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String contentType() {
        return contentType;
    }

    public boolean selected() {
        return selected;
    }

    public boolean complete() {
        return complete;
    }

    public String storageKey() {
        return storageKey;
    }
}
