package io.paddock.transfers.control;

import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.transfers.entity.TransferFile;
import io.paddock.transfers.entity.TransferJob;

/** Finished files to download: the owner's, or anyone's holding a signed link. */
@Stateless
public class Downloads {

    @PersistenceContext
    EntityManager em;

    @Inject
    TransferStorage storage;

    /** A stored file: where it is, how large, what it is called and what media type it has. */
    public record Stored(UUID id, FileStore store, String key, long size, String name, String contentType) {
    }

    /** The caller's finished file (another user's file is "not found"). */
    public Stored owned(UUID owner, UUID fileId) {
        TransferFile file = em.find(TransferFile.class, fileId);
        TransferJob job = file == null ? null : em.find(TransferJob.class, file.jobId());
        if (job == null || !job.ownedBy(owner)) {
            throw notFound(fileId);
        }
        return stored(job, file);
    }

    /** A finished file for a signed link (checked by the caller). */
    public Stored shared(UUID fileId) {
        TransferFile file = em.find(TransferFile.class, fileId);
        TransferJob job = file == null ? null : em.find(TransferJob.class, file.jobId());
        if (job == null) {
            throw notFound(fileId);
        }
        return stored(job, file);
    }

    private Stored stored(TransferJob job, TransferFile file) {
        if (!file.complete() || file.storageKey() == null) {
            throw new ConflictException("file-not-ready", "File not ready",
                    "The file is not downloaded yet" + (file.selected() ? "." : " (it is skipped)."));
        }
        return new Stored(file.id(), storage.store(job.storage()), file.storageKey(), file.sizeBytes(),
                file.fileName(), file.contentType());
    }

    private static ResourceNotFoundException notFound(UUID fileId) {
        return new ResourceNotFoundException("file-not-found", "File not found", "You have no file " + fileId + ".");
    }
}
