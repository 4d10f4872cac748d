package io.paddock.transfers.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.cluster.Leadership;
import io.paddock.transfers.entity.NodeStatus;

/**
 * This node as a transfer worker. Each tick (every {@code paddock.transfers.queue.poll}, and at once
 * after a job became ready here) it stops engine work the queue no longer gives it (a job paused,
 * requeued or taken over elsewhere), then, when ACTIVE, claims as many due jobs as it has room for
 * ({@code paddock.transfers.node.max-jobs}) and hands them to the {@link JobRunner}. Each heartbeat
 * writes the node's row; the leader also declares silent nodes dead, which returns their jobs to the
 * queue for any node to resume from storage.
 */
@ApplicationScoped
public class TransferWorker {

    private static final Logger LOG = Logger.getLogger(TransferWorker.class.getName());

    @Inject
    JobQueue queue;

    @Inject
    WorkerNodes nodes;

    @Inject
    JobRunner runner;

    @Inject
    TransferStorage storage;

    @Inject
    Cluster cluster;

    @Inject
    Leadership leadership;

    @Inject
    @ConfigProperty(name = "paddock.transfers.node.max-jobs", defaultValue = "20")
    int maxJobs;

    @Inject
    @ConfigProperty(name = "paddock.transfers.node.dead-after", defaultValue = "PT1M")
    Duration deadAfter;

    @Inject
    @ConfigProperty(name = "paddock.version", defaultValue = "0.1.0")
    String version;

    @Resource
    ManagedExecutorService executor;

    private final ReentrantLock ticking = new ReentrantLock();
    private final AtomicBoolean poked = new AtomicBoolean();

    public String node() {
        return cluster.nodeName();
    }

    /** Claims soon, on the managed executor (after a job became ready or a node's status changed). */
    public void poke() {
        if (poked.compareAndSet(false, true)) {
            executor.execute(() -> {
                poked.set(false);
                tick();
            });
        }
    }

    /** Stops work this node no longer holds, then claims what it has room for. */
    public void tick() {
        ticking.lock();
        try {
            List<UUID> held = queue.claimedBy(node());
            runner.keepOnly(new HashSet<>(held));
            NodeStatus status = nodes.status(node());
            if (status == null) { // not registered yet (or its row was removed): register now
                heartbeat();
                status = nodes.status(node());
            }
            if (status != NodeStatus.ACTIVE) {
                return;
            }
            for (UUID id : queue.claim(node(), maxJobs - held.size())) {
                runner.run(id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Transfer queue: claiming failed (tried again at the next tick): " + e, e);
        } finally {
            ticking.unlock();
        }
    }

    /** Writes this node's row; the leader then declares silent nodes dead. */
    public void heartbeat() {
        try {
            Set<UUID> held = new HashSet<>(queue.claimedBy(node()));
            TorrentEngine.Progress speeds = runner.speeds();
            NodeStatus before = nodes.status(node());
            NodeStatus now = nodes.heartbeat(new WorkerNodes.Heartbeat(node(), held.size(), maxJobs, diskFree(),
                    speeds.downloadSpeed(), speeds.uploadSpeed(), version));
            if (before != now) {
                LOG.info(() -> "Transfer node " + node() + ": " + (before == null ? "registered" : before.wire())
                        + " -> " + now.wire());
            }
            if (leadership.leading()) {
                List<String> dead = nodes.sweepDead(deadAfter);
                if (!dead.isEmpty()) {
                    LOG.warning(() -> "Transfer nodes " + dead + " silent for over " + deadAfter
                            + ": declared dead, their jobs are back in the queue.");
                    poke();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Transfer node heartbeat failed: " + e, e);
        }
    }

    /** At start: what this node held before it stopped goes back to the queue; answers how many. */
    public int resumeAll() {
        int released = queue.release(node()) + queue.adoptOrphans();
        poke();
        return released;
    }

    private long diskFree() {
        Path root = storage.local().root();
        try {
            Files.createDirectories(root);
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
