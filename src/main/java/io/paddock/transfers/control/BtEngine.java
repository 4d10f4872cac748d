package io.paddock.transfers.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import bt.Bt;
import bt.BtClientBuilder;
import bt.data.Bitfield;
import bt.data.DataDescriptor;
import bt.data.LocalBitfield;
import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.event.EventSource;
import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import bt.metainfo.TorrentId;
import bt.module.ClientExecutor;
import bt.net.ConnectionKey;
import bt.net.ConnectionResult;
import bt.net.ConnectionRoutine;
import bt.net.IPeerConnectionFactory;
import bt.net.IPeerConnectionPool;
import bt.net.InetPeer;
import bt.net.SocketChannelConnectionAcceptor;
import bt.peer.IPeerRegistry;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import bt.torrent.fileselector.FilePriority;
import bt.tracker.AnnounceKey;

/**
 * The built-in engine: bt-core with <em>one</em> shared {@link BtRuntime} for every job (a runtime per
 * torrent leaks sockets), built on first use, tuned for throughput (16 pieces assigned at once, the message
 * dispatcher's idle sleep at most {@code paddock.transfers.bt.message-interval}, peer discovery every
 * second), its shutdown ours ({@code disableAutomaticShutdown}).
 * <p>
 * bt-core 1.10 behaviours this class answers for: a magnet's metadata fetch waits forever, so a job
 * without metadata after {@code paddock.transfers.metadata-timeout} fails; pause is {@code stop()} and a
 * continue is a new client over the same storage (it verifies what is on disk and fetches the rest);
 * with any file skipped bt never signals "downloaded", so completion is {@code getPiecesRemaining() == 0}
 * seen in the progress samples. {@code BtClient.stop()} does not end the torrent's processing: a torrent
 * not complete (or without metadata) stays blocked waiting for its pieces, registered in the runtime with
 * its listeners and open files, and the torrent cannot be started again. So bt's client executor is
 * {@link ChainExecutor}, which knows the thread of each job's processing: once a stopped job's peer
 * connections are gone, that thread is interrupted, bt ends the processing as it does at shutdown
 * (the torrent is unregistered), and only then may the job start again. Our own timers run on the
 * container's managed scheduled executor; bt's network and disk threads are its own.
 * <p>
 * A peer that disconnects and connects again (a seeder that restarts) comes back under the same
 * connection key, and bt's torrent worker forgets a disconnected peer only when it next hands out
 * requests, which it does only for connected peers: with no other peer, it handles the old
 * disconnection after the new connection's bitfield arrived and drops that bitfield, so the peer is
 * never again "interesting" and stays connected with nothing requested. The engine keeps its own copy
 * of every connected peer's pieces (bt's bitfield events): when a connected peer has offered a
 * selected piece the job lacks and nothing was downloaded for {@link #STALL} (doubled after each
 * such restart of the job, at most {@link #STALL_MAX}), the job's client is restarted over its
 * storage (it verifies what is on disk and fetches only the rest), with a fresh worker.
 */
@ApplicationScoped
public class BtEngine implements TorrentEngine {

    private static final Logger LOG = Logger.getLogger(BtEngine.class.getName());

    /** How long a connected peer may offer a needed piece without anything downloaded before a restart. */
    static final Duration STALL = Duration.ofSeconds(15);
    static final Duration STALL_MAX = Duration.ofMinutes(10);

    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.address", defaultValue = "0.0.0.0")
    String address;

    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.port", defaultValue = "6891")
    int port;

    /** Longest sleep of bt's message dispatcher between two passes that moved nothing (its only wake-up). */
    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.message-interval", defaultValue = "PT0.002S")
    Duration messageInterval;

    /** Each peer connection's inbound and outbound buffer (direct memory, two per connection). */
    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.network-buffer", defaultValue = "1048576")
    int networkBuffer;

    @Inject
    @ConfigProperty(name = "paddock.transfers.metadata-timeout", defaultValue = "PT2M")
    Duration metadataTimeout;

    @Inject
    @ConfigProperty(name = "paddock.transfers.progress-sample", defaultValue = "PT0.5S")
    Duration sample;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private BtRuntime runtime;
    /** The runtime's listening channel (bt never closes it: {@link #shutdown} does). */
    private ServerSocketChannel listening;
    private final Map<UUID, Running> jobs = new ConcurrentHashMap<>();
    /** Per infohash: done once the processing of the torrent's last stopped client has ended. */
    private final Map<String, CompletableFuture<Void>> released = new ConcurrentHashMap<>();
    /** Jobs whose torrent another job runs now, in the order they came; guarded by {@link #jobs}. */
    private final Map<UUID, Running> waiting = new java.util.LinkedHashMap<>();
    /** Stalled jobs being restarted (the client they replace); a stop meanwhile cancels the restart. */
    private final Map<UUID, Running> restarting = new ConcurrentHashMap<>();
    /** Stall restarts per job since it last downloaded something (the next stall limit doubles). */
    private final Map<UUID, Integer> stalls = new ConcurrentHashMap<>();
    /** Torrents this node seeds from complete data already on disk, by infohash; guarded by {@link #jobs}. */
    private final Map<String, Seeding> seeding = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** A seeded torrent: its client and the end of that client's processing. */
    private record Seeding(BtClient client, CompletableFuture<?> processing) {
    }

    /** One job on the engine: its client and what decides its end exactly once. */
    private final class Running {
        final Job job;
        final Listener listener;
        final AtomicBoolean ended = new AtomicBoolean();
        volatile BtClient client;
        volatile Torrent torrent;
        volatile long selectedBytes = -1;
        volatile ScheduledFuture<?> timeout;
        long lastDownloaded;
        long lastUploaded;
        long lastAt = System.nanoTime();
        volatile int connectedPeers;
        volatile ScheduledFuture<?> peerTask;
        final Chain chain = new Chain();
        /** Each connected peer's pieces as announced (its bitfield, kept current by its haves). */
        final Map<ConnectionKey, Bitfield> peerPieces = new ConcurrentHashMap<>();
        /** Bytes downloaded at the last sample, and since when a peer offers a needed piece without progress. */
        long progressBytes = -1;
        long offeredSince;
        final AtomicBoolean restartRequested = new AtomicBoolean();

        Running(Job job, Listener listener) {
            this.job = job;
            this.listener = listener;
        }

        /** Ends the job once: stops the client and tells the listener (unless stopped by the caller). */
        boolean end(Runnable report) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            jobs.remove(job.id(), this);
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            ScheduledFuture<?> p = peerTask;
            if (p != null) {
                p.cancel(false);
            }
            release(this);
            if (report != null) {
                stalls.remove(job.id());
                report.run();
            }
            return true;
        }
    }

    /**
     * The shared runtime, started on first use. Its port is bound here, before bt starts: bt 1.10 binds
     * on its acceptor thread and, when the port is taken (another process, another engine), only logs
     * through SLF4J (silent here) and never accepts a peer, while seeding and magnets go on naming the
     * port. A taken port is an {@link IllegalStateException} saying so, for every seed and job that
     * needs the engine, tried again at the next use. After {@link #shutdown} (this instance destroyed)
     * nothing starts a runtime any more: a late call would hold the port against the next instance.
     */
    synchronized BtRuntime runtime() {
        if (runtime == null) {
            if (closing) {
                throw new IllegalStateException("The BitTorrent engine is shut down.");
            }
            Config config = new Config() {
                @Override
                public int getNumOfHashingThreads() {
                    return Math.max(1, Runtime.getRuntime().availableProcessors());
                }
            };
            try {
                config.setAcceptorAddress(InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("paddock.transfers.bt.address is not an address: " + address, e);
            }
            config.setAcceptorPort(port);
            config.setMaxSimultaneouslyAssignedPieces(16);
            // bt waits "interval" in whole milliseconds, and a wait of 0 would never end.
            config.setMaxMessageProcessingInterval(Duration.ofMillis(Math.max(1, messageInterval.toMillis())));
            // A buffer holds at least a few 16 KiB blocks with their headers.
            config.setNetworkBufferSize(Math.max(64 * 1024, networkBuffer));
            config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
            config.setPeerConnectionRetryInterval(Duration.ofSeconds(5));
            config.setUnreachablePeerBanDuration(Duration.ofSeconds(5));
            InetSocketAddress local = new InetSocketAddress(config.getAcceptorAddress(), port);
            ServerSocketChannel channel = listen(local);
            ChainExecutor chains = new ChainExecutor(port);
            BtRuntime built = null;
            try {
                built = BtRuntime.builder(config).module(binder -> {
                    binder.bind(ExecutorService.class).annotatedWith(ClientExecutor.class).toInstance(chains);
                    // Our module overrides bt's own binding of its acceptor: it accepts on the bound channel.
                    com.google.inject.Provider<IPeerConnectionFactory> connections =
                            binder.getProvider(IPeerConnectionFactory.class);
                    BoundAcceptor[] made = new BoundAcceptor[1];
                    binder.bind(SocketChannelConnectionAcceptor.class).toProvider(
                            (com.google.inject.Provider<SocketChannelConnectionAcceptor>) () -> {
                                synchronized (made) {
                                    if (made[0] == null) {
                                        made[0] = new BoundAcceptor(channel, connections.get(), local);
                                    }
                                    return made[0];
                                }
                            });
                }).disableAutomaticShutdown().disableLocalServiceDiscovery().build();
                built.startup();
            } catch (RuntimeException e) {
                if (built != null) {
                    built.shutdown();
                }
                closeQuietly(channel);
                chains.shutdownNow();
                throw e;
            }
            runtime = built;
            listening = channel;
            LOG.info("BitTorrent engine listening on " + address + ":" + port);
        }
        return runtime;
    }

    /** The engine's listening channel on {@code local}; refused with the reason when the port is taken. */
    static ServerSocketChannel listen(InetSocketAddress local) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(local);
            channel.configureBlocking(true);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            LOG.severe("The BitTorrent engine cannot listen on " + local.getHostString() + ":" + local.getPort()
                    + " (" + e + "): no peer can reach this node's seeds and jobs until it can. Is another "
                    + "process using the port? Set paddock.transfers.bt.port to a free one.");
            // Without the cause: a failed job's reason is its deepest cause's message, and this one says it all.
            throw new IllegalStateException("The BitTorrent engine cannot listen on port " + local.getPort() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing a channel failed", e);
            }
        }
    }

    @Override
    public void start(Job job, Listener listener) {
        start(job, listener, null);
    }

    /** Starts a job, or restarts a stalled one ({@code stalled}: its client) unless it was stopped meanwhile. */
    private void start(Job job, Listener listener, Running stalled) {
        if (stalled == null) {
            stop(job.id());
        } else {
            stalled.end(null);
        }
        awaitReleased(job.infoHash());
        Running running = new Running(job, listener);
        synchronized (jobs) {
            if (stalled != null && !restarting.remove(job.id(), stalled)) {
                return;
            }
            // The runtime holds one session per torrent: another user's job of it waits for this one's end.
            if (seeding.containsKey(job.infoHash())
                    || jobs.values().stream().anyMatch(r -> r.job.infoHash().equals(job.infoHash()))) {
                waiting.put(job.id(), running);
                return;
            }
            jobs.put(job.id(), running);
        }
        try {
            Files.createDirectories(job.directory());
            BtClientBuilder builder = Bt.client(runtime()).storage(new GuardedStorage(new FileSystemStorage(job.directory())));
            if (job.metainfo() != null) {
                Torrent torrent = new MetadataService().fromByteArray(job.metainfo());
                builder.torrent(() -> torrent);
            } else {
                builder.magnet(job.magnet());
                running.timeout = scheduler.schedule(() -> {
                    if (running.torrent == null) {
                        running.end(() -> listener.failed("No peer sent the torrent's metadata within "
                                + metadataTimeout.toSeconds() + " s."));
                    }
                }, metadataTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            builder.afterTorrentFetched(torrent -> fetched(running, torrent))
                    .fileSelector(file -> skipped(running, file) ? FilePriority.SKIP : FilePriority.NORMAL_PRIORITY)
                    .afterDownloaded(torrent -> finished(running));
            BtClient client = builder.build();
            running.client = client;
            TorrentId torrentId = torrentId(job.infoHash());
            EventSource events = runtime().getEventSource();
            events.onPeerBitfieldUpdated(torrentId, e -> {
                if (!running.ended.get()) {
                    running.peerPieces.put(e.getConnectionKey(), e.getBitfield());
                }
            });
            events.onPeerDisconnected(torrentId, e -> running.peerPieces.remove(e.getConnectionKey()));
            if (job.metainfo() != null && job.magnet() != null) {
                // Continuing a magnet job from its stored metadata (an info dictionary, no announce): its
                // trackers are the magnet's, as bt used them while fetching the metadata.
                IPeerRegistry registry = runtime().service(IPeerRegistry.class);
                MagnetLink.parse(job.magnet()).trackers().forEach(
                        tracker -> registry.addPeerSource(torrentId(job.infoHash()), new AnnounceKey(tracker)));
            }
            if (!job.peers().isEmpty()) {
                // Direct peers are offered again while none is connected: bt-core tries a discovered peer
                // once (a seeder not listening yet would otherwise be lost for good).
                running.peerTask = scheduler.scheduleWithFixedDelay(() -> {
                    if (!running.ended.get() && running.connectedPeers == 0) {
                        addPeers(running);
                    }
                }, 1, 3, TimeUnit.SECONDS);
            }
            ChainExecutor.STARTING.set(running.chain);
            try {
                client.startAsync(state -> sampled(running, state), Math.max(100, sample.toMillis()))
                        .whenComplete((r, error) -> {
                            if (error != null) {
                                running.end(() -> listener.failed(reason(error)));
                            }
                        });
            } finally {
                ChainExecutor.STARTING.remove();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not start job " + job.id(), e);
            running.end(() -> listener.failed(reason(e)));
        }
    }

    static TorrentId torrentId(String infoHash) {
        return TorrentId.fromBytes(java.util.HexFormat.of().parseHex(infoHash));
    }

    /**
     * Waits (at most 15 s) until the processing of the torrent's last stopped client has ended, so the
     * torrent is no longer registered in the runtime (registering it again fails) and that client's
     * listeners are gone (bt drops every listener of a torrent when its processing ends, a new client's
     * too if it were already there).
     */
    private void awaitReleased(String infoHash) {
        CompletableFuture<Void> previous = released.get(infoHash);
        if (previous == null) {
            return;
        }
        try {
            previous.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("The previous client of torrent " + infoHash + " did not end within 15 s");
        }
    }

    /**
     * Stops a job's client so that the torrent can start again: first its peer connections are closed
     * and purged by the runtime while the client still runs (bt's pool purges closed connections every
     * second and tells the torrent's worker, which forgets the peer; once the client stopped, the worker
     * would hear nothing, keep the peer and go on reading and writing on a later connection to it). Then
     * the client stops and its processing is interrupted until it has ended. Done then (or, should bt
     * not let go, after 30 s).
     */
    private void release(Running running) {
        String infoHash = running.job.infoHash();
        CompletableFuture<Void> done = new CompletableFuture<>();
        released.put(infoHash, done);
        done.whenComplete((r, e) -> {
            released.remove(infoHash, done);
            try {
                scheduler.execute(() -> startWaiting(infoHash));
            } catch (RejectedExecutionException ex) {
                // Undeployed: nothing starts any more.
            }
        });
        BtClient client = running.client;
        if (client == null || !running.chain.submitted()) {
            stopQuietly(client);
            done.complete(null);
            return;
        }
        TorrentId id = torrentId(infoHash);
        IPeerConnectionPool pool = runtime().service(IPeerConnectionPool.class);
        long forceAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long giveUpAt = forceAt + TimeUnit.SECONDS.toNanos(25);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (!stopped.get()) {
                int[] open = {0};
                pool.visitConnections(id, connection -> {
                    open[0]++;
                    connection.closeQuietly();
                });
                if (open[0] == 0 || System.nanoTime() > forceAt) {
                    stopQuietly(client);
                    stopped.set(true);
                }
            }
            if (stopped.get()) {
                if (running.chain.done.isDone()) {
                    done.complete(null);
                    return;
                }
                running.chain.interrupt();
            }
            if (System.nanoTime() > giveUpAt) {
                LOG.warning("The stopped client of torrent " + infoHash + " does not end");
                done.complete(null);
                return;
            }
            try {
                scheduler.schedule(step[0], 100, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Undeployed: the runtime's shutdown ends every processing.
                stopQuietly(client);
            }
        };
        step[0].run();
    }

    private static void stopQuietly(BtClient client) {
        if (client != null) {
            try {
                client.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Stopping a client failed", e);
            }
        }
    }

    private boolean skipped(Running running, TorrentFile file) {
        Torrent torrent = running.torrent;
        if (torrent == null || running.job.skipped().isEmpty()) {
            return false;
        }
        List<TorrentFile> files = torrent.getFiles();
        for (int i = 0; i < files.size(); i++) {
            TorrentFile candidate = files.get(i);
            if (candidate == file || (candidate.getSize() == file.getSize()
                    && candidate.getPathElements().equals(file.getPathElements()))) {
                return running.job.skipped().contains(i);
            }
        }
        return false;
    }

    private void fetched(Running running, Torrent torrent) {
        TorrentMetadata metadata;
        try {
            metadata = TorrentMetadata.of(torrent);
        } catch (RuntimeException e) {
            running.end(() -> running.listener.failed(e.getMessage()));
            return;
        }
        running.torrent = torrent;
        long selected = 0;
        for (TorrentMetadata.Entry entry : metadata.files()) {
            if (!running.job.skipped().contains(entry.index())) {
                selected += entry.size();
            }
        }
        running.selectedBytes = selected;
        ScheduledFuture<?> t = running.timeout;
        if (t != null) {
            t.cancel(false);
        }
        if (!running.ended.get()) {
            running.listener.metadata(metadata, running.job.metainfo() != null ? running.job.metainfo()
                    : metainfo(torrent));
        }
    }

    /** A .torrent for fetched metadata: the info dictionary as exchanged, wrapped in a dictionary. */
    static byte[] metainfo(Torrent torrent) {
        byte[] info = torrent.getSource().getExchangedMetadata();
        byte[] head = "d4:info".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + info.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(info, 0, out, head.length, info.length);
        out[out.length - 1] = 'e';
        return out;
    }

    private void sampled(Running running, TorrentSessionState state) {
        if (running.ended.get() || running.torrent == null) {
            return;
        }
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - running.lastAt) / 1e9);
        long down = (long) ((state.getDownloaded() - running.lastDownloaded) / seconds);
        long up = (long) ((state.getUploaded() - running.lastUploaded) / seconds);
        running.lastDownloaded = state.getDownloaded();
        running.lastUploaded = state.getUploaded();
        running.lastAt = now;
        Progress progress = progress(running, state, down, up);
        running.connectedPeers = progress.peers();
        if (state.getPiecesTotal() > 0 && state.getPiecesRemaining() == 0) {
            finished(running);
        } else {
            running.listener.progress(progress);
            watch(running, state.getDownloaded(), now);
        }
    }

    /**
     * Restarts the job's client when a connected peer has offered a selected piece the job lacks for
     * longer than the stall limit with nothing downloaded meanwhile (see the class comment).
     */
    private void watch(Running running, long downloaded, long now) {
        UUID id = running.job.id();
        if (downloaded != running.progressBytes) {
            if (running.progressBytes >= 0) {
                stalls.remove(id);
            }
            running.progressBytes = downloaded;
            running.offeredSince = 0;
            return;
        }
        if (!offersNeededPiece(running)) {
            running.offeredSince = 0;
            return;
        }
        if (running.offeredSince == 0) {
            running.offeredSince = now;
            return;
        }
        if (now - running.offeredSince < stallLimit(stalls.getOrDefault(id, 0)).toNanos()
                || !running.restartRequested.compareAndSet(false, true)) {
            return;
        }
        int count = stalls.merge(id, 1, Integer::sum);
        LOG.warning("Job " + id + ": a connected peer offers pieces it lacks and nothing arrived for "
                + stallLimit(count - 1).toSeconds() + " s; restarting its client (" + count + ")");
        restarting.put(id, running);
        try {
            // Not blocking a scheduler thread while the client lets go: its release runs on the scheduler.
            scheduler.execute(() -> {
                if (restarting.get(id) != running) {
                    return;
                }
                running.end(null);
                CompletableFuture<Void> gone = released.get(running.job.infoHash());
                (gone == null ? CompletableFuture.<Void>completedFuture(null) : gone).whenComplete((r, e) -> {
                    try {
                        scheduler.execute(() -> start(running.job, running.listener, running));
                    } catch (RejectedExecutionException ex) {
                        restarting.remove(id, running);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            restarting.remove(id, running);
        }
    }

    /** The stall limit after {@code restarts} stall restarts: {@link #STALL} doubled each time, at most {@link #STALL_MAX}. */
    static Duration stallLimit(int restarts) {
        Duration limit = STALL.multipliedBy(1L << Math.min(10, Math.max(0, restarts)));
        return limit.compareTo(STALL_MAX) > 0 ? STALL_MAX : limit;
    }

    /** Whether a connected peer has a piece the job has neither verified nor skipped. */
    private boolean offersNeededPiece(Running running) {
        if (running.peerPieces.isEmpty()) {
            return false;
        }
        LocalBitfield local = runtime().service(TorrentRegistry.class).getDescriptor(torrentId(running.job.infoHash()))
                .map(TorrentDescriptor::getDataDescriptor).map(DataDescriptor::getBitfield).orElse(null);
        if (local == null) {
            return false;
        }
        java.util.BitSet done = local.getBitmask();
        done.or(local.getSkippedBitmask());
        for (Bitfield peer : running.peerPieces.values()) {
            java.util.BitSet offered = peer.getBitmask();
            offered.andNot(done);
            if (!offered.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Offers the job's direct peers (given with a .torrent, or a magnet's x.pe) to the runtime. */
    private void addPeers(Running running) {
        // The interface: it is what the runtime binds as a singleton (asking for the class makes a new one).
        IPeerRegistry registry = runtime().service(IPeerRegistry.class);
        TorrentId id = torrentId(running.job.infoHash());
        for (String peer : running.job.peers()) {
            int colon = peer.lastIndexOf(':');
            try {
                registry.addPeer(id, InetPeer.build(
                        InetAddress.getByName(peer.substring(0, colon)), Integer.parseInt(peer.substring(colon + 1))));
            } catch (UnknownHostException | RuntimeException e) {
                LOG.log(Level.FINE, "Peer " + peer + " not added", e);
            }
        }
    }

    private Progress progress(Running running, TorrentSessionState state, long down, long up) {
        long selected = Math.max(0, running.selectedBytes);
        long chunk = running.torrent.getChunkSize();
        long verified = (long) (state.getPiecesNotSkipped() - state.getPiecesRemaining()) * chunk;
        long done = state.getPiecesRemaining() == 0 ? selected : Math.max(0, Math.min(selected, verified));
        return new Progress(done, selected, Math.max(0, down), Math.max(0, up), state.getConnectedPeers().size());
    }

    private void finished(Running running) {
        long selected = Math.max(0, running.selectedBytes);
        running.end(() -> running.listener.downloaded(new Progress(selected, selected, 0, 0, 0)));
    }

    @Override
    public boolean stop(UUID jobId) {
        stalls.remove(jobId);
        Running stalled;
        synchronized (jobs) {
            if (waiting.remove(jobId) != null) {
                return true;
            }
            // A stall restart under way is cancelled (its new client is not started).
            stalled = restarting.remove(jobId);
        }
        if (stalled != null) {
            stalled.end(null);
            return true;
        }
        Running running = jobs.get(jobId);
        return running != null && running.end(null);
    }

    /** Starts the first job waiting for the torrent, once the processing of its last client ended. */
    private void startWaiting(String infoHash) {
        Running next;
        synchronized (jobs) {
            if (closing) {
                return;
            }
            next = waiting.values().stream().filter(r -> r.job.infoHash().equals(infoHash)).findFirst().orElse(null);
            if (next == null) {
                return;
            }
            waiting.remove(next.job.id());
        }
        start(next.job, next.listener);
    }

    @Override
    public Set<UUID> running() {
        Set<UUID> ids = new HashSet<>(jobs.keySet());
        synchronized (jobs) {
            ids.addAll(waiting.keySet());
        }
        return ids;
    }

    /**
     * Seeds a torrent whose every file is already complete under {@code root} (bt's layout: a single file
     * at {@code root/<name>}, a multi-file torrent's files under {@code root/<name>/}), from the shared
     * runtime, until {@link #unseed}. Nothing is started (false) when a file is missing or of another size
     * (bt would create and fill it), while a job of the same torrent runs (the runtime holds one session
     * per torrent: the seeding is offered again later), or while the torrent's last client is still ending.
     * Seeding an already seeded torrent is a no-op (true). A job of a seeded torrent waits for its unseeding.
     */
    public boolean seed(String infoHash, byte[] metainfo, Path root) {
        if (seeding.containsKey(infoHash)) {
            return true;
        }
        Torrent torrent = new MetadataService().fromByteArray(metainfo);
        if (!complete(torrent, root)) {
            LOG.warning("Not seeding " + infoHash + ": its files under " + root + " are missing or changed size");
            return false;
        }
        BtRuntime shared = runtime();
        synchronized (jobs) {
            if (closing || released.containsKey(infoHash)
                    || jobs.values().stream().anyMatch(r -> r.job.infoHash().equals(infoHash))) {
                return false;
            }
            if (seeding.containsKey(infoHash)) {
                return true;
            }
            BtClient client = Bt.client(shared).storage(new FileSystemStorage(root)).torrent(() -> torrent).build();
            CompletableFuture<?> processing = client.startAsync();
            seeding.put(infoHash, new Seeding(client, processing));
            processing.whenComplete((r, error) -> {
                if (error != null && seeding.remove(infoHash) != null) {
                    LOG.log(Level.WARNING, "Seeding " + infoHash + " stopped", error);
                    try {
                        scheduler.execute(() -> startWaiting(infoHash));
                    } catch (RejectedExecutionException e) {
                        // Undeployed: nothing starts any more.
                    }
                }
            });
        }
        LOG.info("Seeding " + infoHash + " from " + root);
        return true;
    }

    /** Every file of the torrent exists under {@code root} as a regular file of its size. */
    private static boolean complete(Torrent torrent, Path root) {
        List<TorrentFile> files = torrent.getFiles();
        Path base = files.size() == 1 ? root : root.resolve(torrent.getName());
        for (TorrentFile file : files) {
            Path path = base;
            for (String element : file.getPathElements()) {
                TorrentMetadata.checkElement(element);
                path = path.resolve(element);
            }
            try {
                if (!Files.isRegularFile(path) || Files.size(path) != file.getSize()) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops seeding a torrent (a no-op when it is not seeded). A job of the torrent that waited starts
     * once the seeding client's processing has ended (bt ends a complete torrent's processing within a
     * second of its stop).
     */
    public void unseed(String infoHash) {
        Seeding stopped;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (jobs) {
            stopped = seeding.remove(infoHash);
            if (stopped == null) {
                return;
            }
            released.put(infoHash, done);
        }
        done.whenComplete((r, e) -> {
            released.remove(infoHash, done);
            try {
                scheduler.execute(() -> startWaiting(infoHash));
            } catch (RejectedExecutionException ex) {
                // Undeployed: nothing starts any more.
            }
        });
        stopped.processing().whenComplete((r, e) -> done.complete(null));
        done.completeOnTimeout(null, 30, TimeUnit.SECONDS);
        stopQuietly(stopped.client());
        LOG.info("No longer seeding " + infoHash);
    }

    /** The infohashes this node seeds now. */
    public Set<String> seeding() {
        return Set.copyOf(seeding.keySet());
    }

    @PreDestroy
    synchronized void shutdown() {
        closing = true;
        synchronized (jobs) {
            waiting.clear();
            seeding.values().forEach(s -> stopQuietly(s.client()));
            seeding.clear();
        }
        jobs.keySet().forEach(this::stop);
        if (runtime != null) {
            try {
                runtime.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "BitTorrent runtime shutdown", e);
            }
            runtime = null;
        }
        closeQuietly(listening);
        listening = null;
    }

    private static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return "The engine stopped: " + (message == null ? cause.getClass().getSimpleName() : message);
    }

    /**
     * bt's client executor (where each client's processing runs, stage after stage, on one thread), which
     * knows the thread of each job's processing: a client started while {@link #STARTING} holds a job's
     * {@link Chain} submits its processing from that thread, and the processing runs as that chain.
     */
    static final class ChainExecutor extends AbstractExecutorService {

        static final ThreadLocal<Chain> STARTING = new ThreadLocal<>();

        private final ExecutorService threads;

        ChainExecutor(int port) {
            AtomicInteger n = new AtomicInteger();
            threads = Executors.newCachedThreadPool(r -> new Thread(r, port + ".bt.client-" + n.incrementAndGet()));
        }

        @Override
        public void execute(Runnable task) {
            Chain chain = STARTING.get();
            if (chain == null) {
                threads.execute(task);
            } else {
                chain.submitted = true;
                threads.execute(() -> chain.run(task));
            }
        }

        @Override
        public void shutdown() {
            threads.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return threads.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return threads.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return threads.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return threads.awaitTermination(timeout, unit);
        }
    }

    /**
     * One client's processing: the thread it runs on while it runs, so it can be interrupted then and
     * only then (the thread goes back to the pool afterwards), and whether it has ended.
     */
    static final class Chain {

        final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile boolean submitted;
        private Thread thread;
        private boolean stopped;

        boolean submitted() {
            return submitted;
        }

        void run(Runnable task) {
            synchronized (this) {
                thread = Thread.currentThread();
                if (stopped) {
                    thread.interrupt();
                }
            }
            try {
                task.run();
            } finally {
                synchronized (this) {
                    thread = null;
                    Thread.interrupted();
                }
                done.complete(null);
            }
        }

        /** Interrupts the processing if it runs; one not started yet is interrupted as it starts. */
        synchronized void interrupt() {
            stopped = true;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /**
     * bt's acceptor of incoming peers over a channel the engine bound (bt's own binds lazily on its thread
     * and hides a failure): what bt's does with each accepted connection, on the given channel.
     */
    static final class BoundAcceptor extends SocketChannelConnectionAcceptor {

        private final ServerSocketChannel channel;
        private final IPeerConnectionFactory connections;

        BoundAcceptor(ServerSocketChannel channel, IPeerConnectionFactory connections, InetSocketAddress local) {
            super(null, connections, local);
            this.channel = channel;
            this.connections = connections;
        }

        @Override
        public ConnectionRoutine accept() {
            try {
                while (true) {
                    SocketChannel incoming = channel.accept();
                    SocketAddress remote;
                    try {
                        remote = incoming.getRemoteAddress();
                    } catch (IOException e) {
                        closeQuietly(incoming);
                        continue;
                    }
                    if (remote instanceof InetSocketAddress inet) {
                        return routine(incoming, inet);
                    }
                    closeQuietly(incoming);
                }
            } catch (IOException e) {
                // Closed at shutdown: bt's listener stops accepting.
                throw new IllegalStateException("No longer accepting peers on " + getLocalAddress(), e);
            }
        }

        private ConnectionRoutine routine(SocketChannel incoming, InetSocketAddress remote) {
            return new ConnectionRoutine() {
                @Override
                public SocketAddress getRemoteAddress() {
                    return remote;
                }

                @Override
                public ConnectionResult establish() {
                    try {
                        return connections.createIncomingConnection(InetPeer.build(remote.getAddress()), incoming);
                    } catch (RuntimeException e) {
                        closeQuietly(incoming);
                        return ConnectionResult.failure("Unexpected error", e);
                    }
                }

                @Override
                public void cancel() {
                    closeQuietly(incoming);
                }
            };
        }
    }

    /**
     * bt's file storage under a last check: a unit whose path would leave the job's folder is refused,
     * so an unsafe name fetched from peers is never written even if the metadata check were bypassed.
     */
    static final class GuardedStorage implements Storage {

        private final Storage delegate;

        GuardedStorage(Storage delegate) {
            this.delegate = delegate;
        }

        @Override
        public StorageUnit getUnit(Torrent torrent, TorrentFile torrentFile) {
            if (torrent.getFiles().size() > 1) {
                TorrentMetadata.checkElement(torrent.getName() == null ? "" : torrent.getName());
            }
            torrentFile.getPathElements().forEach(TorrentMetadata::checkElement);
            return delegate.getUnit(torrent, torrentFile);
        }

        @Override
        public void flush() {
            delegate.flush();
        }
    }
}
