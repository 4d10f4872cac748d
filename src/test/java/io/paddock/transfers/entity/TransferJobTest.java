package io.paddock.transfers.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TransferJobTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    TransferJob magnet(StorageKind storage) {
        return TransferJob.fromMagnet(UUID.randomUUID(), "a".repeat(40), "name", "magnet:?xt=urn:btih:" + "a".repeat(40),
                storage, Provider.BUILTIN, NOW);
    }

    @Test
    void aMagnetJobGoesThroughMetadataDownloadAndCompletes() {
        TransferJob job = magnet(StorageKind.LOCAL);
        assertTrue(job.engineStarted(NOW));
        assertEquals(JobState.METADATA_FETCH, job.state());
        assertFalse(job.progress(10, 1, 0, 1, 1L, NOW), "no progress before metadata");
        assertTrue(job.metadataArrived("real", 100, new byte[] {'d', 'e'}, NOW));
        assertEquals("real", job.name());
        assertTrue(job.progress(10, 1, 0, 1, 90L, NOW));
        assertEquals(JobState.DOWNLOADING, job.state());
        assertTrue(job.downloaded(100, NOW));
        assertEquals(JobState.COMPLETED, job.state());
        assertEquals(NOW, job.completedAt());
    }

    @Test
    void s3JobsUploadBeforeCompleting() {
        TransferJob job = magnet(StorageKind.S3);
        job.engineStarted(NOW);
        job.metadataArrived("n", 1, null, NOW);
        job.downloaded(1, NOW);
        assertEquals(JobState.UPLOADING, job.state());
        assertThrows(JobConflict.class, () -> job.pause(NOW));
        assertTrue(job.uploaded(NOW));
        assertEquals(JobState.COMPLETED, job.state());
    }

    @Test
    void finishedJobsRefusePauseResumeAndCancelAndIgnoreLateReports() {
        for (JobState end : new JobState[] {JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED}) {
            TransferJob job = magnet(StorageKind.LOCAL);
            job.engineStarted(NOW);
            switch (end) {
                case COMPLETED -> job.downloaded(0, NOW);
                case FAILED -> job.fail("x", NOW);
                default -> job.cancel(NOW);
            }
            assertEquals(end, job.state());
            assertEquals("job-state", assertThrows(JobConflict.class, () -> job.pause(NOW)).slug());
            assertThrows(JobConflict.class, () -> job.resume(NOW));
            assertThrows(JobConflict.class, () -> job.cancel(NOW));
            assertFalse(job.progress(1, 1, 1, 1, 1L, NOW));
            assertFalse(job.fail("late", NOW));
        }
    }

    @Test
    void pauseHoldsUntilResumeAndIgnoresTheEngine() {
        TransferJob job = magnet(StorageKind.LOCAL);
        job.engineStarted(NOW);
        assertTrue(job.pause(NOW));
        assertFalse(job.pause(NOW), "pausing twice changes nothing");
        assertFalse(job.metadataArrived("n", 1, null, NOW));
        assertFalse(job.downloaded(1, NOW));
        assertTrue(job.resume(NOW));
        assertEquals(JobState.SUBMITTED, job.state());
        assertFalse(job.resume(NOW));
    }

    @Test
    void aRetriedJobWaitsSubmittedAndOnlyAFailedJobIsReplayed() {
        TransferJob job = magnet(StorageKind.LOCAL);
        job.engineStarted(NOW);
        assertTrue(job.retry(NOW));
        assertEquals(JobState.SUBMITTED, job.state());
        assertThrows(JobConflict.class, () -> job.replay(NOW), "a waiting job is not dead-lettered");
        job.engineStarted(NOW);
        assertTrue(job.fail("Tracker unreachable", NOW));
        assertFalse(job.retry(NOW), "a failed job is not retried by a late report");
        job.replay(NOW);
        assertEquals(JobState.SUBMITTED, job.state());
        assertEquals(null, job.failure());
        job.pause(NOW);
        assertFalse(job.retry(NOW), "a paused job stays paused");
    }
}
