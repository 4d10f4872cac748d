package io.paddock.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A seed pool on disk for the racing tests: pool {@code standard} with folder seeds, a zip seed and
 * two broken ones (no graph.json, invalid graph.json). Tests add more with {@link #addSeed} and
 * {@link #addZippedSeed} and then call {@code POST /api/admin/pools/scan}. The mod DLL that packs
 * carry ({@code paddock.racing.mod-dll}) is a file here whose content is {@link #MOD_DLL}.
 */
public final class SeedPoolStandIn implements StandIns.StandIn {

    public static final String MOD_DLL = "the configured mod dll";

    private static Path root;

    @Override
    public Map<String, String> install(HttpServer server, String baseUrl) {
        try {
            root = Files.createTempDirectory("paddock-seeds-");
            Path pool = root.resolve("standard");
            Files.createDirectories(pool.resolve("available"));
            Files.createDirectories(pool.resolve("consumed"));
            Files.writeString(pool.resolve("config.toml"), "[seed]\nlayers = 4\n");
            for (int n = 1001; n <= 1016; n++) {
                addSeed("standard", n);
            }
            // A zip seed.
            try (OutputStream file = Files.newOutputStream(pool.resolve("available/seed_2001.zip"));
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.putNextEntry(new ZipEntry("graph.json"));
                zip.write(graph(2001).getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("mod/regulation.bin"));
                zip.write(new byte[] {1, 2, 3});
                zip.putNextEntry(new ZipEntry("../evil.txt"));
                zip.write("escape".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            // Broken seeds: skipped with a reason, never drawn.
            Files.createDirectories(pool.resolve("available/seed_9001"));
            Files.writeString(pool.resolve("available/seed_9001/readme.txt"), "no graph here");
            Files.createDirectories(pool.resolve("available/seed_9002"));
            Files.writeString(pool.resolve("available/seed_9002/graph.json"), "{not json");
            Path dll = Files.writeString(root.resolve("speedfog_race.dll"), MOD_DLL);
            return Map.of("paddock.seeds.pool-dir", root.toString(), "paddock.racing.mod-dll", dll.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path root() {
        StandIns.start();
        return root;
    }

    /** A valid folder seed: graph.json with layered nodes and an event map, plus a mod file and a bat. */
    public static void addSeed(String poolName, long number) {
        try {
            Path seed = root.resolve(poolName).resolve("available/seed_" + number);
            Files.createDirectories(seed.resolve("mod"));
            Files.writeString(seed.resolve("graph.json"), graph(number));
            Files.writeString(seed.resolve("mod/regulation.bin"), "seed " + number);
            Files.writeString(seed.resolve("launch_speedfog.bat"), "@echo off\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A zipped seed whose files sit in one top folder ({@code seed_<n>/graph.json}), as zipping a seed
     * folder makes it, with a {@code speedfog_race.dll} of its own; returns the zip's path.
     */
    public static Path addZippedSeed(String poolName, long number) {
        try {
            Path pool = root.resolve(poolName);
            Files.createDirectories(pool.resolve("available"));
            Files.createDirectories(pool.resolve("consumed"));
            Path file = pool.resolve("available/seed_" + number + ".zip");
            String top = "seed_" + number + "/";
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(top));
                zip.closeEntry();
                for (Map.Entry<String, String> e : Map.of("graph.json", graph(number), "mod/regulation.bin",
                        "seed " + number, "speedfog_race.dll", "the seed's own dll").entrySet()) {
                    zip.putNextEntry(new ZipEntry(top + e.getKey()));
                    zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String graph(long number) {
        return """
                {"version": "1", "seed": %d, "total_layers": 4, "total_nodes": 5,
                 "nodes": {"start": {"type": "start", "display_name": "Chapel", "zones": ["chapel"], "layer": 0, "tier": 1, "exits": ["a"]},
                           "a": {"type": "mini", "display_name": "Stormveil", "zones": ["stormveil"], "layer": 1, "tier": 1, "exits": ["b"]},
                           "b": {"type": "major", "display_name": "Raya Lucaria", "zones": ["raya"], "layer": 2, "tier": 2, "exits": ["c"]},
                           "c": {"type": "legacy", "display_name": "Leyndell", "zones": ["leyndell"], "layer": 3, "tier": 3, "exits": ["end"]},
                           "end": {"type": "final", "display_name": "Erdtree", "zones": ["erdtree"], "layer": 4, "tier": 4, "exits": []}},
                 "edges": [{"from": "start", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "end"}],
                 "event_map": {"1040": "b", "1050": "c"}}
                """.formatted(number);
    }
}
