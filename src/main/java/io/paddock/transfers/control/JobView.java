package io.paddock.transfers.control;

import java.time.Instant;
import java.util.UUID;

import io.paddock.transfers.entity.TransferJob;

/**
 * A job as the API, the event streams and the page show it. {@code progress} is a percentage of the selected
 * bytes; {@code provider} is what downloads it ({@code builtin} or {@code seedr}).
 */
public record JobView(UUID id, String name, String infoHash, String source, String state, String failure,
        Long bytesTotal, long bytesDone, double progress, long downloadSpeed, long uploadSpeed, int peers,
        Long etaSeconds, String storage, Instant createdAt, Instant updatedAt, Instant completedAt, long version,
        String provider) {

    public static JobView of(TransferJob job, long selectedBytes) {
        double progress;
        if (job.state() == io.paddock.transfers.entity.JobState.COMPLETED) {
            progress = 100.0;
        } else if (selectedBytes > 0) {
            progress = Math.min(100.0, Math.floor(job.bytesDone() * 1000.0 / selectedBytes) / 10.0);
        } else {
            progress = 0.0;
        }
        return new JobView(job.id(), job.name(), job.infoHash(), job.source().name().toLowerCase(java.util.Locale.ROOT),
                job.state().wire(), job.failure(), job.bytesTotal(), job.bytesDone(), progress, job.downloadSpeed(),
                job.uploadSpeed(), job.peers(), job.etaSeconds(), job.storage().name().toLowerCase(java.util.Locale.ROOT),
                job.createdAt(), job.updatedAt(), job.completedAt(), job.version(),
                job.provider().wire());
    }
}
