package io.paddock.transfers.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import bt.metainfo.MetadataService;
import bt.torrent.maker.TorrentBuilder;

import io.paddock.platform.config.PublicUrl;

/**
 * Data Paddock already holds, offered over BitTorrent from the node's one engine ({@link BtEngine}): a
 * .torrent made of files on disk by bt-core's {@link TorrentBuilder}, a magnet that names this node's
 * engine as a direct peer ({@code x.pe}), and seeding from where the files are. Other modules come here
 * (never to bt-core) to offer their files.
 */
@ApplicationScoped
public class TorrentSeeder {

    /** Pieces of at least 256 KiB, larger for large data so a .torrent lists about a thousand of them. */
    static final int MIN_PIECE = 1 << 18;
    static final int MAX_PIECE = 1 << 24;

    private final Map<List<Path>, CompletableFuture<Made>> making = new ConcurrentHashMap<>();

    @Inject
    BtEngine engine;

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.address", defaultValue = "0.0.0.0")
    String address;

    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.port", defaultValue = "6891")
    int port;

    @Inject
    @ConfigProperty(name = "paddock.transfers.bt.public-address")
    Optional<String> publicAddress;

    /**
     * A made torrent: its infohash (40 lower-case hex), its name, the .torrent, and the folder bt-core
     * seeds it from (the parent of a multi-file torrent's folder, or the single file's folder).
     */
    public record Made(String infoHash, String name, byte[] metainfo, Path storageRoot) {
    }

    /**
     * Makes a .torrent of {@code files} (regular files, in this order): one file gives a single-file
     * torrent named after it, several a torrent named after {@code root}, the folder they all sit in.
     * Reads and hashes every byte: callers keep the result instead of making it again.
     */
    public Made make(Path root, List<Path> files) {
        // Requests that need the same torrent at once share one making of it.
        List<Path> key = new java.util.ArrayList<>(files);
        key.add(0, root);
        CompletableFuture<Made> mine = new CompletableFuture<>();
        CompletableFuture<Made> running = making.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Made made = build(root, files);
            mine.complete(made);
            return made;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            making.remove(key, mine);
        }
    }

    private Made build(Path root, List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("A torrent needs at least one file.");
        }
        long total = 0;
        for (Path file : files) {
            total += file.toFile().length();
        }
        TorrentBuilder builder = new TorrentBuilder().numHashingThreads(1).createdBy("Paddock")
                .pieceSize(pieceSize(total));
        if (files.size() > 1) {
            builder.rootPath(root);
        }
        files.forEach(builder::addFile);
        byte[] metainfo = builder.build();
        TorrentMetadata metadata = TorrentMetadata.of(new MetadataService().fromByteArray(metainfo));
        Path storageRoot = files.size() == 1 ? files.get(0).toAbsolutePath().normalize().getParent()
                : root.toAbsolutePath().normalize().getParent();
        return new Made(metadata.infoHash(), metadata.name(), metainfo, storageRoot);
    }

    static int pieceSize(long total) {
        long wanted = Long.highestOneBit(Math.max(1, total / 1000));
        return (int) Math.max(MIN_PIECE, Math.min(MAX_PIECE, wanted));
    }

    /** A magnet of the torrent naming this node's engine as a direct peer ({@code x.pe}). */
    public String magnet(String infoHash, String name) {
        return new MagnetLink(infoHash, name, List.of(), List.of(peerAddress())).canonical();
    }

    /**
     * Where other peers reach this node's engine, {@code host:port}: {@code paddock.transfers.bt.public-address}
     * (a host, or host:port), else the engine's own address when it is a specific one, else the host of
     * {@code paddock.public-url}; the port is the engine's unless the setting names one.
     */
    public String peerAddress() {
        String configured = publicAddress.map(String::strip).filter(a -> !a.isEmpty()).orElse(null);
        if (configured != null) {
            return configured.matches(".*:\\d{1,5}") && !configured.endsWith("]") ? configured
                    : configured + ":" + port;
        }
        String host = address;
        try {
            if (InetAddress.getByName(address).isAnyLocalAddress()) {
                host = URI.create(publicUrl.base()).getHost();
            }
        } catch (UnknownHostException | IllegalArgumentException e) {
            host = URI.create(publicUrl.base()).getHost();
        }
        if (host != null && host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + port;
    }

    /** Seeds a made torrent from its files (see {@link BtEngine#seed}); false when it cannot now. */
    public boolean seed(String infoHash, byte[] metainfo, Path storageRoot) {
        return engine.seed(infoHash, metainfo, storageRoot);
    }

    public void unseed(String infoHash) {
        engine.unseed(infoHash);
    }

    public Set<String> seeding() {
        return engine.seeding();
    }
}
