package io.paddock.transfers.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.transfers.entity.JobState;
import io.paddock.transfers.entity.StorageKind;

/**
 * Runs the jobs this node claimed from the {@link JobQueue} on the {@link TorrentEngine} and stores what
 * it reports. Engine callbacks arrive on the
 * engine's threads; each is handed to the container's managed executor, in order per job (one lane per
 * job), and stored by {@link JobUpdates}. Progress samples are only remembered: every
 * {@code paddock.transfers.progress-interval} the latest sample of each job is stored and published, so
 * the database sees at most one progress write per job per interval however fast the engine samples.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

    @Inject
    TorrentEngine engine;

    @Inject
    JobUpdates updates;

    @Inject
    TransferStorage storage;

    @Inject
    TransferWorker worker;

    @Inject
    @ConfigProperty(name = "paddock.transfers.progress-interval", defaultValue = "PT1S")
    Duration progressInterval;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<UUID, TorrentEngine.Progress> pending = new ConcurrentHashMap<>();
    /** The latest sample of each job running here, for the node's heartbeat. */
    private final Map<UUID, TorrentEngine.Progress> latest = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void init() {
        long period = Math.max(100, progressInterval.toMillis());
        flusher = scheduler.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        if (flusher != null) {
            flusher.cancel(false);
        }
    }

    /**
     * After the deciding transaction committed: a job to start is in the queue (some node claims it:
     * this one is told to look now); stop, discard or upload act here.
     */
    void onCommand(@Observes(during = TransactionPhase.AFTER_SUCCESS) EngineCommand command) {
        UUID id = command.jobId();
        switch (command.action()) {
            case START -> worker.poke();
            case STOP -> {
                engine.stop(id);
                forget(id);
            }
            case DISCARD -> {
                engine.discard(id);
                forget(id);
                lane(id, () -> discard(id));
            }
            case UPLOAD -> lane(id, () -> upload(id));
        }
    }

    /**
     * At startup (or after the engine restarted): the jobs this node held go back to the queue, and
     * whichever node claims them (this one, unless it is full or cordoned) continues them from disk.
     */
    public int resumeAll() {
        return worker.resumeAll();
    }

    /** Stops every client without changing any job, then resumes them from disk, as a node restart does. */
    public int restartEngine() {
        engine.running().forEach(engine::stop);
        pending.clear();
        latest.clear();
        return resumeAll();
    }

    /** Works on a job this node claimed: uploads it when it was caught uploading, else starts it. */
    public void run(UUID id) {
        lane(id, () -> {
            if (updates.state(id) == JobState.UPLOADING) {
                upload(id);
            } else {
                start(id);
            }
        });
    }

    /** Stops engine work on every job but {@code held} (those the queue gives this node now). */
    public void keepOnly(Set<UUID> held) {
        for (UUID id : engine.running()) {
            if (!held.contains(id)) {
                LOG.info(() -> "Transfer job " + id + " is no longer this node's: stopped here.");
                engine.stop(id);
                forget(id);
            }
        }
    }

    /** The summed speeds of the jobs running here (bytes/s), from their latest samples. */
    public TorrentEngine.Progress speeds() {
        long down = 0;
        long up = 0;
        for (TorrentEngine.Progress p : latest.values()) {
            down += p.downloadSpeed();
            up += p.uploadSpeed();
        }
        return new TorrentEngine.Progress(0, 0, down, up, 0);
    }

    private void forget(UUID id) {
        pending.remove(id);
        latest.remove(id);
    }

    private void start(UUID id) {
        TorrentEngine.Job job = updates.engineJob(id);
        if (job == null) {
            updates.notRunnable(id);
            return;
        }
        engine.start(job, new TorrentEngine.Listener() {
            @Override
            public void metadata(TorrentMetadata metadata, byte[] metainfo) {
                lane(id, () -> updates.metadata(id, metadata, metainfo));
            }

            @Override
            public void progress(TorrentEngine.Progress progress) {
                pending.put(id, progress);
                latest.put(id, progress);
            }

            @Override
            public void downloaded(TorrentEngine.Progress last) {
                forget(id);
                lane(id, () -> updates.downloaded(id, last));
            }

            @Override
            public void failed(String reason) {
                forget(id);
                lane(id, () -> updates.failed(id, reason));
            }
        });
        updates.started(id);
    }

    private void upload(UUID id) {
        Map<UUID, String> files = updates.toUpload(id);
        if (files.isEmpty()) {
            return;
        }
        S3FileStore s3 = storage.s3().orElse(null);
        if (s3 == null) {
            updates.failed(id, "The job's files were to go to S3, which is not configured on this node.");
            return;
        }
        Map<UUID, String> keys = new LinkedHashMap<>();
        try {
            for (Map.Entry<UUID, String> file : files.entrySet()) {
                Path local = storage.local().path(storage.local().key(id, file.getValue()));
                String key = s3.key(id, file.getValue());
                s3.upload(key, local);
                keys.put(file.getKey(), key);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Upload of job " + id + " failed", e);
            updates.failed(id, "Upload to object storage failed: " + e.getMessage());
            return;
        }
        updates.uploaded(id, keys);
        storage.local().deleteJob(id);
    }

    private void discard(UUID id) {
        storage.local().deleteJob(id);
        storage.s3().ifPresent(s3 -> s3.deleteJob(id));
    }

    private void flush() {
        for (UUID id : pending.keySet()) {
            TorrentEngine.Progress progress = pending.remove(id);
            if (progress != null) {
                lane(id, () -> updates.progress(id, progress));
            }
        }
    }

    /** Runs {@code work} on the managed executor after the job's earlier work. */
    private void lane(UUID id, Runnable work) {
        lanes.compute(id, (key, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = previous.thenRunAsync(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Transfer job " + id + ": " + e.getMessage(), e);
                }
            }, executor);
            next.whenComplete((r, t) -> lanes.remove(key, next));
            return next;
        });
    }

    /** The kind of storage new jobs use on this node. */
    public StorageKind storageKind() {
        return storage.defaultKind();
    }
}
