package io.paddock.racing.control;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.Seed;
import io.paddock.racing.entity.SeedTorrent;
import io.paddock.transfers.control.TorrentSeeder;

/**
 * A race's seed files offered as a torrent that this node seeds from the pool: a folder seed's pack files
 * (the same files, by the same rules, as the packs take from it) under the seed's folder name, a zipped
 * seed as its one zip. The .torrent is made on first need and kept ({@link SeedTorrent}): once per seed,
 * never per request. The seed is seeded while its race hands out packs (released, not over); the minute
 * timer ({@link SeedTorrentSeeding}) starts what is missing on every node and stops what is no longer.
 */
@Stateless
public class SeedTorrents {

    private static final Logger LOG = Logger.getLogger(SeedTorrents.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    SeedPool pool;

    @Inject
    TorrentSeeder seeder;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "paddock.racing.mod-dll")
    Optional<String> modDll;

    @Inject
    @ConfigProperty(name = "paddock.racing.seed-torrents", defaultValue = "true")
    boolean enabled;

    /** What a participant is given: the torrent's name, infohash and magnet (naming this node's engine). */
    public record Offer(String infoHash, String name, String magnet) {
    }

    /** The files a seed's torrent is made of, and the folder they are named from. */
    record Layout(Path root, List<Path> files) {
    }

    /**
     * The race's seed as a torrent, made now if it never was, and seeded by this node; empty when torrents
     * are turned off or the seed's files cannot be read (the pack download says why). Never throws.
     */
    public Optional<Offer> offer(Race race) {
        if (!enabled || race.packsReleasedAt() == null || race.status().over()) {
            return Optional.empty();
        }
        try {
            return torrent(race.seed()).map(t -> {
                seed(t, race.seed());
                return new Offer(t.infoHash(), t.name(), seeder.magnet(t.infoHash(), t.name()));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The torrent of seed " + race.seed().seedNumber() + " is unavailable", e);
            return Optional.empty();
        }
    }

    /**
     * The .torrent of the race's seed for a download, made now if it never was; 404
     * {@code seed-torrent-unavailable} when torrents are turned off, 503 {@code pack-unavailable} when the
     * seed's files cannot be read. The race's pack rules (released, not over) are the caller's to check.
     */
    public SeedTorrent require(Race race) {
        if (!enabled) {
            throw new ResourceNotFoundException("seed-torrent-unavailable", "No torrent",
                    "This server does not offer seeds as torrents.");
        }
        Path seed = seedPath(race.seed());
        SeedTorrent torrent = torrent(race.seed(), seed);
        seed(torrent, race.seed());
        return torrent;
    }

    private Optional<SeedTorrent> torrent(Seed seed) {
        SeedTorrent kept = em.find(SeedTorrent.class, seed.id());
        if (kept != null) {
            return Optional.of(kept);
        }
        try {
            return Optional.of(torrent(seed, seedPath(seed)));
        } catch (PaddockException e) {
            return Optional.empty();
        }
    }

    private SeedTorrent torrent(Seed seed, Path path) {
        SeedTorrent kept = em.find(SeedTorrent.class, seed.id());
        if (kept != null) {
            return kept;
        }
        Layout layout = layout(path);
        long started = System.nanoTime();
        TorrentSeeder.Made made = seeder.make(layout.root(), layout.files());
        LOG.info("Made the torrent of seed " + seed.poolName() + "/" + seed.seedNumber() + " (" + made.infoHash()
                + ", " + layout.files().size() + " files) in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        // Two nodes (or requests) making it at once make the same infohash; the first row stays.
        em.createNativeQuery("INSERT INTO seed_torrents (seed_id, info_hash, name, metainfo, created_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (seed_id) DO NOTHING")
                .setParameter(1, seed.id()).setParameter(2, made.infoHash()).setParameter(3, made.name())
                .setParameter(4, made.metainfo()).setParameter(5, java.sql.Timestamp.from(clock.instant()))
                .executeUpdate();
        return em.find(SeedTorrent.class, seed.id());
    }

    /** The seed's folder or zip in the pool; 404 {@code seed-files-missing} when it is gone. */
    Path seedPath(Seed seed) {
        Path root = pool.root().orElseThrow(() -> new ResourceNotFoundException("seed-files-missing",
                "Seed files missing", "The seed pool is not configured."));
        Path path = root.resolve(seed.location()).normalize();
        if (!path.startsWith(root.normalize()) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResourceNotFoundException("seed-files-missing", "Seed files missing",
                    "The files of this race's seed are no longer in the pool.");
        }
        return path;
    }

    /**
     * A folder seed: the files a pack takes from it ({@link Packs#entries}, in name order) under the
     * folder; a zipped seed: the zip. 503 {@code pack-unavailable} when they cannot be read.
     */
    Layout layout(Path seed) {
        if (Files.isDirectory(seed, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> files = Packs.entries(seed, modDll.filter(d -> !d.isBlank()).isPresent()).stream()
                    .sorted(Comparator.comparing(Packs.Entry::name)).map(e -> seed.resolve(e.source())).toList();
            if (files.isEmpty()) {
                throw new ResourceNotFoundException("seed-files-missing", "Seed files missing",
                        "This race's seed has no files to offer.");
            }
            return new Layout(seed, files);
        }
        return new Layout(seed.getParent(), List.of(seed));
    }

    /** Where bt-core finds the torrent's files: a multi-file torrent's folder's parent, a single file's folder. */
    static Path storageRoot(Layout layout) {
        return layout.files().size() == 1 ? layout.files().get(0).toAbsolutePath().normalize().getParent()
                : layout.root().toAbsolutePath().normalize().getParent();
    }

    private void seed(SeedTorrent torrent, Seed seed) {
        try {
            if (!seeder.seeding().contains(torrent.infoHash())) {
                seeder.seed(torrent.infoHash(), torrent.metainfo(), storageRoot(layout(seedPath(seed))));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot seed the torrent of seed " + seed.seedNumber(), e);
        }
    }

    /**
     * Seeds on this node every kept torrent whose race hands out packs now, and stops seeding those whose
     * race no longer does (over, or its seed re-rolled away before release). Returns how many are seeded.
     */
    public int reconcile() {
        // Ours first: a torrent made and released by a request that commits between the two reads is then
        // not ours yet, so it is left seeding (read the other way round, it would be ours and not wanted).
        Set<String> ours = new HashSet<>(em.createNamedQuery(SeedTorrent.INFO_HASHES, String.class).getResultList());
        Set<String> wanted = new HashSet<>();
        if (enabled) {
            for (Object[] row : em.createNamedQuery(SeedTorrent.WANTED, Object[].class).getResultList()) {
                SeedTorrent torrent = (SeedTorrent) row[0];
                wanted.add(torrent.infoHash());
                seed(torrent, (Seed) row[1]);
            }
        }
        for (String seeded : seeder.seeding()) {
            if (ours.contains(seeded) && !wanted.contains(seeded)) {
                seeder.unseed(seeded);
            }
        }
        return wanted.size();
    }
}
