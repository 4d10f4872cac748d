package io.paddock.transfers.control;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

/**
 * What the transfers module needs of a BitTorrent engine, so another one (a remote worker, a hosted
 * provider) can stand where {@link BtEngine} stands. An engine downloads a job's torrent into the
 * job's folder and reports through the job's {@link Listener}, on any thread; it never touches the
 * database. Starting a job that already has data in its folder continues from that data.
 */
public interface TorrentEngine {

    /** A job as the engine needs it: the torrent (magnet or metainfo), its folder and the files to skip. */
    record Job(UUID id, String infoHash, String magnet, byte[] metainfo, java.util.List<String> peers, Path directory,
            Set<Integer> skipped) {
    }

    /** A progress sample: bytes of the selected files on disk (verified), speeds in bytes/s, connected peers. */
    record Progress(long bytesDone, long bytesSelected, long downloadSpeed, long uploadSpeed, int peers) {
    }

    /** What the engine reports about one job. */
    interface Listener {

        /** The torrent's metadata is known (at once for a .torrent; fetched from peers for a magnet). */
        void metadata(TorrentMetadata metadata, byte[] metainfo);

        void progress(Progress progress);

        /** Every selected piece is on disk and verified; the engine has stopped working on the job. */
        void downloaded(Progress last);

        /** The job cannot go on; the engine has stopped working on it. */
        void failed(String reason);
    }

    /** Starts (or continues) a job. Starting a job that runs already restarts it. */
    void start(Job job, Listener listener);

    /** Stops work on a job, keeping its files; false when it was not running. */
    boolean stop(UUID jobId);

    /**
     * Stops work on a job for good, its files about to be removed (a cancel or a delete, also of a job that is
     * not running): an engine that keeps a copy elsewhere removes it too. The built-in engine only stops.
     */
    default boolean discard(UUID jobId) {
        return stop(jobId);
    }

    /** The jobs running on this engine now. */
    Set<UUID> running();
}
