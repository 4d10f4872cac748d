package io.paddock.racing.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.json.Json;
import io.paddock.racing.entity.Seed;
import io.paddock.racing.entity.SeedStatus;

/**
 * The seed pools on disk ({@code paddock.seeds.pool-dir}): {@code <pool>/config.toml},
 * {@code <pool>/available/seed_<n>/graph.json …} or {@code <pool>/available/seed_<n>.zip}. A scan adds
 * new seeds once (idempotent by pool and number) and skips broken ones with a logged reason.
 */
@Stateless
public class SeedPool {

    private static final Logger LOG = Logger.getLogger(SeedPool.class.getName());
    private static final Pattern SEED_NAME = Pattern.compile("seed_(\\d{1,18})(\\.zip)?");
    private static final long MAX_GRAPH_BYTES = 16L * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "paddock.seeds.pool-dir")
    Optional<String> poolDir;

    public record Skipped(String pool, String entry, String reason) {
    }

    public record ScanReport(int added, List<Skipped> skipped) {
    }

    public record PoolCount(String name, long available, long consumed, long discarded) {
    }

    public Optional<Path> root() {
        return poolDir.filter(d -> !d.isBlank()).map(Path::of);
    }

    public ScanReport scan() {
        Optional<Path> root = root();
        if (root.isEmpty() || !Files.isDirectory(root.get())) {
            return new ScanReport(0, List.of());
        }
        int added = 0;
        List<Skipped> skipped = new ArrayList<>();
        try (Stream<Path> pools = Files.list(root.get())) {
            for (Path pool : pools.filter(Files::isDirectory).sorted().toList()) {
                String poolName = pool.getFileName().toString();
                Path available = pool.resolve("available");
                if (!Files.isDirectory(available)) {
                    continue;
                }
                try (Stream<Path> entries = Files.list(available)) {
                    for (Path entry : entries.sorted().toList()) {
                        String name = entry.getFileName().toString();
                        Matcher m = SEED_NAME.matcher(name);
                        boolean zip = name.endsWith(".zip");
                        if (!m.matches() || Files.isSymbolicLink(entry)
                                || (zip ? !Files.isRegularFile(entry) : !Files.isDirectory(entry))) {
                            skipped.add(skip(poolName, name, "not a seed_<number> folder or seed_<number>.zip"));
                            continue;
                        }
                        long number = Long.parseLong(m.group(1));
                        if (!em.createNamedQuery(Seed.BY_NUMBER, Seed.class).setParameter("pool", poolName)
                                .setParameter("number", number).getResultList().isEmpty()) {
                            continue;
                        }
                        try {
                            JsonNode graph = zip ? graphInZip(entry) : graphInFolder(entry);
                            int layers = totalLayers(graph);
                            String location = root.get().relativize(entry).toString();
                            em.persist(new Seed(poolName, number, Json.mapper().writeValueAsString(graph), layers,
                                    location, clock.instant()));
                            added++;
                        } catch (BrokenSeed e) {
                            skipped.add(skip(poolName, name, e.getMessage()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Seed pool scan of " + root.get() + " failed: " + e);
        }
        if (added > 0) {
            LOG.info("Seed pool scan added " + added + " seed(s).");
        }
        return new ScanReport(added, skipped);
    }

    private static Skipped skip(String pool, String entry, String reason) {
        LOG.warning("Seed pool " + pool + ": skipping " + entry + ": " + reason);
        return new Skipped(pool, entry, reason);
    }

    private static JsonNode graphInFolder(Path folder) {
        Path graph = folder.resolve("graph.json");
        if (!Files.isRegularFile(graph, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BrokenSeed("graph.json is missing");
        }
        try {
            if (Files.size(graph) > MAX_GRAPH_BYTES) {
                throw new BrokenSeed("graph.json is larger than 16 MiB");
            }
            try (InputStream in = Files.newInputStream(graph)) {
                return Json.mapper().readTree(in);
            }
        } catch (IOException e) {
            throw new BrokenSeed("graph.json is not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The graph of a zipped seed: {@code graph.json} at the zip's root, else in one top folder
     * ({@code seed_105/graph.json}); that folder is the seed's root (packs leave it out of entry names).
     */
    static Optional<ZipEntry> graphEntry(ZipFile zip) {
        ZipEntry root = zip.getEntry("graph.json");
        if (root != null && !root.isDirectory()) {
            return Optional.of(root);
        }
        return zip.stream().filter(e -> !e.isDirectory()).filter(e -> e.getName().matches("[^/]+/graph\\.json"))
                .<ZipEntry>map(e -> e).findFirst();
    }

    /** The top folder (with its slash) a zipped seed keeps its files in, or "" when they are at its root. */
    static String zipRoot(ZipFile zip) {
        return graphEntry(zip).map(e -> e.getName().substring(0, e.getName().length() - "graph.json".length()))
                .orElse("");
    }

    private static JsonNode graphInZip(Path zipPath) {
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            ZipEntry graph = graphEntry(zip).orElseThrow(() -> new BrokenSeed("graph.json is missing from the zip"));
            if (graph.getSize() > MAX_GRAPH_BYTES) {
                throw new BrokenSeed("graph.json is larger than 16 MiB");
            }
            try (InputStream in = zip.getInputStream(graph)) {
                return Json.mapper().readTree(in);
            }
        } catch (IOException e) {
            throw new BrokenSeed("unreadable zip or invalid graph.json (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int totalLayers(JsonNode graph) {
        if (graph == null || !graph.isObject()) {
            throw new BrokenSeed("graph.json is not a JSON object");
        }
        JsonNode layers = graph.get("total_layers");
        if (layers == null || !layers.canConvertToInt() || !layers.isIntegralNumber() || layers.asInt() < 0) {
            throw new BrokenSeed("graph.json has no valid total_layers");
        }
        if (graph.has("nodes") && !graph.get("nodes").isContainerNode()) {
            throw new BrokenSeed("graph.json nodes is not an object or array");
        }
        return layers.asInt();
    }

    /** A random available seed of the pool, marked consumed; 409 when the pool has none. */
    public Seed draw(String pool) {
        List<Seed> available = em.createNamedQuery(Seed.AVAILABLE_IN, Seed.class).setParameter("pool", pool)
                .getResultList();
        if (available.isEmpty()) {
            throw new ConflictException("pool-empty", "No seed available",
                    "Pool '" + pool + "' has no available seed; add seeds and scan the pool.");
        }
        Seed seed = available.get(RANDOM.nextInt(available.size()));
        seed.consume();
        return seed;
    }

    public List<PoolCount> counts() {
        Map<String, long[]> byPool = new TreeMap<>();
        for (Object[] row : em.createNamedQuery(Seed.COUNTS, Object[].class).getResultList()) {
            long[] counts = byPool.computeIfAbsent((String) row[0], k -> new long[3]);
            counts[((SeedStatus) row[1]).ordinal()] = ((Number) row[2]).longValue();
        }
        // Pools on disk with no seed yet are listed too.
        root().filter(Files::isDirectory).ifPresent(r -> {
            try (Stream<Path> pools = Files.list(r)) {
                pools.filter(Files::isDirectory).forEach(p -> byPool.computeIfAbsent(p.getFileName().toString(),
                        k -> new long[3]));
            } catch (IOException e) {
                LOG.fine("Cannot list pools: " + e);
            }
        });
        return byPool.entrySet().stream().map(e -> new PoolCount(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2])).toList();
    }

    /** A scan-time refusal of one seed; never leaves the scan. */
    static final class BrokenSeed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokenSeed(String reason) {
            super(reason, null, false, false);
        }
    }
}
