package io.paddock.transfers.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.UUID;

/**
 * Where finished files live: keys are {@code <prefix><job id>/<path in the torrent>}. The local store
 * is the download folder itself; the S3 store a bucket the files are uploaded to after download.
 */
public interface FileStore {

    /** A byte range of a stored file ({@code length} bytes from {@code offset}). */
    InputStream open(String key, long offset, long length) throws IOException;

    boolean exists(String key);

    /** Removes every object of a job; nothing to remove is fine. */
    void deleteJob(UUID jobId);

    /** The jobs that have objects in this store (the orphan sweep compares them with the jobs table). */
    Set<UUID> jobIds();

    /** The key of a job's file. */
    String key(UUID jobId, String path);
}
