package io.paddock.racing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A seed's files as a torrent: the .torrent made once from the files in the pool, kept so it is never
 * hashed again and every node serves the same file. Written once and never changed (so no version).
 */
@Entity
@Table(name = "seed_torrents")
@NamedQuery(name = SeedTorrent.WANTED, query = "SELECT t, r.seed FROM SeedTorrent t, Race r WHERE r.seed.id = t.seedId "
        + "AND r.packsReleasedAt IS NOT NULL AND r.status NOT IN (io.paddock.racing.entity.RaceStatus.FINISHED, "
        + "io.paddock.racing.entity.RaceStatus.CANCELLED)")
@NamedQuery(name = SeedTorrent.INFO_HASHES, query = "SELECT t.infoHash FROM SeedTorrent t")
public class SeedTorrent {

    /** Torrents whose race hands out packs now (released, not over), each with its seed. */
    public static final String WANTED = "SeedTorrent.wanted";
    public static final String INFO_HASHES = "SeedTorrent.infoHashes";

    @Id
    private UUID seedId;
    private String infoHash;
    private String name;
    @Basic(fetch = FetchType.LAZY)
    private byte[] metainfo;
    private Instant createdAt;

    protected SeedTorrent() {
    }

    public SeedTorrent(UUID seedId, String infoHash, String name, byte[] metainfo, Instant now) {
        this.seedId = Objects.requireNonNull(seedId, "A seed torrent needs its seed.");
        if (infoHash == null || !infoHash.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("An infohash is 40 lower-case hexadecimal characters.");
        }
        this.infoHash = infoHash;
        this.name = Objects.requireNonNull(name, "A torrent has a name.");
        this.metainfo = Objects.requireNonNull(metainfo, "A torrent needs its metainfo.").clone();
        this.createdAt = Objects.requireNonNull(now);
    }

    public UUID seedId() {
        return seedId;
    }

    public String infoHash() {
        return infoHash;
    }

    public String name() {
        return name;
    }

    public byte[] metainfo() {
        return metainfo.clone();
    }

    public Instant createdAt() {
        return createdAt;
    }
}
