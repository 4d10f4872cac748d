package io.paddock.transfers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.torrent.maker.TorrentBuilder;

/**
 * A BitTorrent seeder in the test JVM on 127.0.0.1: random files made into a torrent with bt-core's
 * {@link TorrentBuilder} and served by a bt-core client over them. {@link #withhold(int...)} seeds without
 * some files (their pieces stay missing) until {@link #complete()} writes them and seeds again.
 * <p>
 * Peers reach it through a counting TCP relay ({@link #peer()}, {@link #magnet()}), which tells what it
 * sent ({@link #uploaded()}) byte for byte: bt-core's own upload count samples the connected peers and
 * misses one that connects, takes its pieces and goes between two samples.
 */
final class LoopbackSeeder implements AutoCloseable {

    static final int PIECE = 256 * 1024;

    private final Path root;
    private final Path content;
    private final List<Path> files = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private final byte[] torrent;
    private final int port;
    private BtRuntime runtime;
    private BtClient client;
    private final ServerSocket relay;
    private final java.util.concurrent.atomic.AtomicLong uploaded = new java.util.concurrent.atomic.AtomicLong();
    private final List<java.net.Socket> relayed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Integer> withheld = new ArrayList<>();

    /**
     * Files named {@code names} of {@code sizes} bytes in a folder {@code name}: a multi-file torrent named
     * {@code name}, or, for one file, a single-file torrent named after the file (as bt-core's
     * {@link TorrentBuilder} makes it).
     */
    LoopbackSeeder(String name, String[] names, int[] sizes, long seed) throws IOException {
        root = Files.createTempDirectory("paddock-seeder");
        content = root.resolve(name);
        Files.createDirectories(content);
        Random random = new Random(seed);
        for (int i = 0; i < names.length; i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            Path file = content.resolve(names[i]);
            Files.write(file, bytes);
            files.add(file);
            data.add(bytes);
        }
        torrent = new TorrentBuilder().rootPath(content).addFiles(files.toArray(Path[]::new)).pieceSize(PIECE)
                .createdBy("Paddock tests").build();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        runtime = runtime(port);
        relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::relay, "seeder-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts peers on the relay port and joins each to a connection of its own to the seeder. */
    private void relay() {
        while (!relay.isClosed()) {
            try {
                java.net.Socket peer = relay.accept();
                java.net.Socket seeder;
                try {
                    seeder = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
                } catch (IOException down) { // the seeder is restarting: the peer tries again
                    peer.close();
                    continue;
                }
                relayed.add(peer);
                relayed.add(seeder);
                pump(peer, seeder, null);
                pump(seeder, peer, uploaded);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(java.net.Socket from, java.net.Socket to, java.util.concurrent.atomic.AtomicLong count) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (var in = from.getInputStream(); var out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    if (count != null) {
                        count.addAndGet(n);
                    }
                }
            } catch (IOException ended) {
                // either side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "seeder-relay-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static BtRuntime runtime(int port) {
        Config config = new Config();
        config.setAcceptorAddress(InetAddress.getLoopbackAddress());
        config.setAcceptorPort(port);
        config.setMaxSimultaneouslyAssignedPieces(16);
        config.setMaxMessageProcessingInterval(Duration.ofMillis(10));
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        return BtRuntime.builder(config).disableAutomaticShutdown().disableLocalServiceDiscovery().build();
    }

    /** Seeds without the files {@code indexes} (removed from disk) until {@link #complete()}. */
    LoopbackSeeder withhold(int... indexes) throws IOException {
        for (int index : indexes) {
            withheld.add(index);
            Files.delete(files.get(index));
        }
        return this;
    }

    LoopbackSeeder start() {
        Torrent parsed = new MetadataService().fromByteArray(torrent);
        runtime.getEventSource().onPeerConnected(parsed.getTorrentId(), e -> connections.incrementAndGet());
        // bt finds a multi-file torrent's files under <storage>/<name>/, a single file at <storage>/<file>:
        // seeded from the wrong folder, it would make an empty file there and offer peers no piece at all.
        Path storage = files.size() == 1 ? content : root;
        client = Bt.client(runtime).storage(new FileSystemStorage(storage)).torrent(() -> parsed).build();
        client.startAsync(state -> { }, 1000);
        awaitListening();
        return this;
    }

    /** Waits until the seeder accepts connections, so a peer's first attempt reaches it. */
    private void awaitListening() {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (java.time.Instant.now().isBefore(deadline)) {
            try (java.net.Socket probe = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Writes the withheld file and seeds everything again, as a peer that restarts: bt-core 1.10 cannot
     * start a torrent again on a runtime whose client of it stopped before it had every piece, so the
     * runtime is replaced by a new one on the same port.
     */
    void complete() throws IOException {
        client.stop();
        runtime.shutdown();
        for (int index : withheld) {
            Files.write(files.get(index), data.get(index));
        }
        withheld.clear();
        runtime = runtime(port);
        start();
    }

    /** Connections peers made to this seeder so far (all its clients). */
    int connections() {
        return connections.get();
    }

    /** Bytes this seeder sent so far (all its clients), protocol messages included. */
    long uploaded() {
        return uploaded.get();
    }

    byte[] torrent() {
        return torrent.clone();
    }

    String infoHash() {
        return HexFormat.of().formatHex(new MetadataService().fromByteArray(torrent).getTorrentId().getBytes());
    }

    /** The seeder as a direct peer (its relay), host:port. */
    String peer() {
        return "127.0.0.1:" + relay.getLocalPort();
    }

    String magnet() {
        return "magnet:?xt=urn:btih:" + infoHash() + "&dn=seeded&x.pe=" + peer();
    }

    byte[] data(int index) {
        return data.get(index).clone();
    }

    long size() {
        return data.stream().mapToLong(b -> b.length).sum();
    }

    @Override
    public void close() throws IOException {
        relay.close();
        for (java.net.Socket socket : relayed) {
            socket.close();
        }
        if (client != null) {
            client.stop();
        }
        runtime.shutdown();
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
