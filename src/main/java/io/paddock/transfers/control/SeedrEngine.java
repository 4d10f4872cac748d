package io.paddock.transfers.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.transfers.entity.Provider;

/**
 * The Seedr provider behind the engine interface: Seedr downloads the torrent, then Paddock fetches the
 * files into the job's folder, as the built-in engine would have written them, and deletes them on Seedr.
 * <p>
 * A job is added to Seedr as a magnet (a .torrent job as the magnet of its infohash) and its transfer is
 * polled every {@code paddock.transfers.seedr.poll-interval} in the root listing. Seedr names the files only
 * once it has them (its finished transfer becomes a folder of the torrent's title), so the job stays
 * {@code metadata_fetch} while Seedr downloads; the files then become the job's metadata and are fetched
 * ({@code downloading}). Seedr's ids for the job are kept ({@link RemoteRefs}): a restart continues where
 * Seedr is, a file already fetched whole is not fetched again, and a cancel or delete removes the job on
 * Seedr. Nothing waits forever: each call has a time limit; a failed add fails the job at once, polling
 * gives up after {@code poll-attempts} failures in a row, and a transfer whose progress does not move for
 * {@code stall-timeout} fails the job. Work runs on threads of the container's thread factory.
 */
@ApplicationScoped
public class SeedrEngine implements TorrentEngine {

    private static final Logger LOG = Logger.getLogger(SeedrEngine.class.getName());

    @Inject
    SeedrClient seedr;

    @Inject
    RemoteRefs refs;

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.poll-interval", defaultValue = "PT5S")
    Duration pollInterval;

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.poll-attempts", defaultValue = "3")
    int pollAttempts;

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.stall-timeout", defaultValue = "PT30M")
    Duration stallTimeout;

    @Inject
    @ConfigProperty(name = "paddock.transfers.progress-sample", defaultValue = "PT0.5S")
    Duration sample;

    @Resource
    ManagedThreadFactory threads;

    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private final Map<UUID, Watch> jobs = new ConcurrentHashMap<>();

    /** One job followed on Seedr. */
    private final class Watch {
        final Job job;
        final Listener listener;
        final AtomicBoolean ended = new AtomicBoolean();
        /** Set by a discard: what this watch adds on Seedr is removed there. */
        volatile boolean discarded;
        String ref;
        int failures;
        int missing;
        double lastProgress = -1;
        long lastMoveAt = System.nanoTime();
        String title;

        Watch(Job job, Listener listener) {
            this.job = job;
            this.listener = listener;
        }

        boolean stopped() {
            return ended.get();
        }

        /** Ends the job once, telling the listener (unless it was stopped from outside). */
        boolean end(Runnable report) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            jobs.remove(job.id(), this);
            if (report != null) {
                report.run();
            }
            return true;
        }
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(threads);
            workers = Executors.newCachedThreadPool(threads);
        }
        return timer;
    }

    @Override
    public void start(Job job, Listener listener) {
        stop(job.id());
        Watch watch = new Watch(job, listener);
        jobs.put(job.id(), watch);
        schedule(watch, 0);
    }

    private void schedule(Watch watch, long delayMs) {
        try {
            timer().schedule(() -> {
                try {
                    workers.execute(() -> step(watch));
                } catch (RejectedExecutionException e) {
                    // shutting down
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the job resumes at the next start
        }
    }

    /** One round of work: add (once), poll, and once Seedr has the files, fetch them. */
    private void step(Watch watch) {
        if (watch.stopped()) {
            return;
        }
        try {
            if (watch.ref == null) {
                watch.ref = refs.find(watch.job.id());
            }
            if (watch.ref == null) {
                add(watch);
                if (watch.discarded) {
                    removeRemote(watch.job.id(), watch.ref); // cancelled or deleted while Seedr was adding it
                    return;
                }
            }
            String[] ref = watch.ref.split(" ", 3);
            if (ref[0].equals("transfer")) {
                long folder = poll(watch, Long.parseLong(ref[1]), ref.length > 2 ? ref[2] : "");
                if (folder < 0) {
                    if (!watch.stopped()) {
                        schedule(watch, Math.max(100, pollInterval.toMillis()));
                    }
                    return;
                }
                watch.ref = "folder " + folder;
                refs.save(watch.job.id(), Provider.SEEDR, watch.ref);
                ref = watch.ref.split(" ", 3);
            }
            fetch(watch, Long.parseLong(ref[1]));
        } catch (SeedrClient.SeedrException e) {
            if (watch.stopped()) {
                return;
            }
            watch.failures++;
            if (watch.ref == null || e instanceof StalledException || watch.failures >= Math.max(1, pollAttempts)) {
                watch.end(() -> watch.listener.failed(e.getMessage()));
            } else {
                LOG.log(Level.INFO, "Seedr job " + watch.job.id() + ": " + e.getMessage() + " (will try again)");
                schedule(watch, Math.max(100, pollInterval.toMillis()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Seedr job " + watch.job.id() + " failed", e);
            watch.end(() -> watch.listener.failed("The Seedr provider stopped: " + e.getMessage()));
        }
    }

    private void add(Watch watch) {
        String magnet = watch.job.magnet() != null ? watch.job.magnet() : "magnet:?xt=urn:btih:" + watch.job.infoHash();
        SeedrClient.Added added = seedr.addMagnet(magnet);
        watch.ref = "transfer " + added.transferId() + " " + added.title();
        refs.save(watch.job.id(), Provider.SEEDR, watch.ref);
    }

    /** Polls the transfer: the folder's id once Seedr finished, or -1 while it still works. */
    private long poll(Watch watch, long transferId, String title) {
        SeedrClient.Listing root = seedr.root();
        watch.failures = 0;
        for (SeedrClient.Transfer t : root.transfers()) {
            if (t.id() == transferId || (!t.hash().isEmpty() && t.hash().equalsIgnoreCase(watch.job.infoHash()))) {
                if (!t.name().isEmpty()) {
                    watch.title = t.name();
                }
                long now = System.nanoTime();
                if (t.progress() != watch.lastProgress) {
                    watch.lastProgress = t.progress();
                    watch.lastMoveAt = now;
                } else if (now - watch.lastMoveAt > stallTimeout.toNanos()) {
                    throw new StalledException("Seedr made no progress on the torrent for "
                            + stallTimeout.toMinutes() + " min (at " + t.progress() + " %).");
                }
                return -1;
            }
        }
        String name = watch.title != null ? watch.title : title;
        for (SeedrClient.Item folder : root.folders()) {
            if (folder.name().equals(name) || (!title.isEmpty() && folder.name().equals(title))) {
                return folder.id();
            }
        }
        watch.missing++;
        if (watch.missing >= Math.max(1, pollAttempts)) {
            throw new StalledException("Seedr no longer lists the transfer, nor a folder named \""
                    + name + "\" (was it removed on Seedr?).");
        }
        return -1;
    }

    /** Final at once (a stall, a transfer gone): no retry on the next poll. */
    private static final class StalledException extends SeedrClient.SeedrException {

        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message);
        }
    }

    /** One file to fetch: Seedr's id, the path under the job's folder, the size. */
    private record Remote(long id, String path, long size) {
    }

    private void fetch(Watch watch, long folderId) {
        SeedrClient.Listing top = seedr.folder(folderId);
        List<Remote> found = new ArrayList<>();
        collect(top, "", found, 0);
        if (found.isEmpty()) {
            throw new SeedrClient.SeedrException("Seedr's folder for the torrent holds no file.");
        }
        String name = top.name().isEmpty() ? watch.job.infoHash() : top.name();
        boolean single = found.size() == 1 && top.folders().isEmpty();
        List<Remote> files = new ArrayList<>();
        for (Remote r : found) {
            String path = single ? r.path() : name + "/" + r.path();
            for (String element : path.split("/")) {
                TorrentMetadata.checkElement(element);
            }
            files.add(new Remote(r.id(), path, r.size()));
        }
        files.sort(Comparator.comparing(Remote::path));
        List<TorrentMetadata.Entry> entries = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            entries.add(new TorrentMetadata.Entry(i, files.get(i).path(), files.get(i).size()));
            total += files.get(i).size();
        }
        TorrentMetadata metadata = new TorrentMetadata(watch.job.infoHash(), single ? files.get(0).path() : name,
                total, List.copyOf(entries));
        if (watch.stopped()) {
            return;
        }
        watch.listener.metadata(metadata, null);
        long selected = 0;
        for (TorrentMetadata.Entry e : entries) {
            if (!watch.job.skipped().contains(e.index())) {
                selected += e.size();
            }
        }
        Path dir = watch.job.directory().toAbsolutePath().normalize();
        long done = 0;
        long startedAt = System.nanoTime();
        long[] lastReport = {0};
        for (TorrentMetadata.Entry e : entries) {
            if (watch.job.skipped().contains(e.index())) {
                continue;
            }
            Path target = dir.resolve(e.path()).normalize();
            if (!target.startsWith(dir) || target.equals(dir)) {
                throw new SeedrClient.SeedrException("Seedr listed a file outside the job's folder: " + e.path());
            }
            try {
                if (Files.isRegularFile(target) && Files.size(target) == e.size()) {
                    done += e.size();
                    continue; // fetched whole before a restart
                }
                Files.createDirectories(target.getParent());
                long before = done;
                long size = selected;
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                    seedr.download(files.get(e.index()).id(), out, n -> {
                        long now = System.nanoTime();
                        if (now - lastReport[0] >= sample.toNanos()) {
                            lastReport[0] = now;
                            double seconds = Math.max(0.001, (now - startedAt) / 1e9);
                            watch.listener.progress(new Progress(before + n, size, (long) ((before + n) / seconds), 0, 1));
                        }
                    }, watch::stopped);
                }
                if (Files.size(target) != e.size()) {
                    throw new SeedrClient.SeedrException("Seedr sent " + Files.size(target) + " bytes of " + e.path()
                            + ", which has " + e.size() + ".");
                }
                done += e.size();
            } catch (IOException io) {
                throw new SeedrClient.SeedrException("Writing " + e.path() + " failed: " + io.getMessage());
            }
            if (watch.stopped()) {
                return;
            }
        }
        long all = selected;
        if (watch.end(() -> watch.listener.downloaded(new Progress(all, all, 0, 0, 0)))) {
            removeRemote(watch.job.id(), "folder " + folderId);
        }
    }

    /** Lists a folder's files depth first, with their paths relative to {@code listing}. */
    private void collect(SeedrClient.Listing listing, String prefix, List<Remote> out, int depth) {
        if (depth > 32) {
            throw new SeedrClient.SeedrException("Seedr's folder for the torrent nests too deep.");
        }
        for (SeedrClient.Item file : listing.files()) {
            out.add(new Remote(file.id(), prefix + file.name(), file.size()));
        }
        for (SeedrClient.Item folder : listing.folders()) {
            collect(seedr.folder(folder.id()), prefix + folder.name() + "/", out, depth + 1);
        }
    }

    @Override
    public boolean stop(UUID jobId) {
        Watch watch = jobs.get(jobId);
        return watch != null && watch.end(null);
    }

    /** Stops the job and removes it on Seedr (the transfer or the folder), also when it was not running here. */
    @Override
    public boolean discard(UUID jobId) {
        Watch watch = jobs.get(jobId);
        if (watch != null) {
            watch.discarded = true;
        }
        boolean was = stop(jobId);
        if (!seedr.configured()) {
            return was; // nothing can be removed on Seedr from here (nor was anything added from here)
        }
        try {
            timer();
            workers.execute(() -> {
                String ref = refs.find(jobId);
                if (ref != null) {
                    removeRemote(jobId, ref);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down: the reference stays, the next discard tries again
        }
        return was;
    }

    private void removeRemote(UUID jobId, String ref) {
        String[] parts = ref.split(" ", 3);
        try {
            if (parts[0].equals("transfer")) {
                seedr.deleteTransfer(Long.parseLong(parts[1]));
            } else {
                seedr.deleteFolder(Long.parseLong(parts[1]));
            }
            refs.remove(jobId);
        } catch (SeedrClient.SeedrException | NumberFormatException e) {
            LOG.log(Level.WARNING, "Could not remove job " + jobId + " on Seedr (" + ref + "): " + e.getMessage());
        }
    }

    @Override
    public Set<UUID> running() {
        return new HashSet<>(jobs.keySet());
    }

    @PreDestroy
    synchronized void shutdown() {
        jobs.values().forEach(w -> w.end(null));
        if (timer != null) {
            timer.shutdownNow();
            workers.shutdownNow();
        }
    }
}
