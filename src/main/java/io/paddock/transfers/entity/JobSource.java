package io.paddock.transfers.entity;

/** How a job's torrent was given: a magnet link or an uploaded .torrent file. */
public enum JobSource {
    MAGNET, TORRENT
}
