package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paddock.identity.entity.User;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.ServiceUnavailableException;
import io.paddock.racing.control.Packs;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.ParticipantStatus;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceStatus;
import io.paddock.racing.entity.Seed;
import io.paddock.racing.entity.ZoneVisit;

/** Entities refuse illegal transitions; packs cannot escape their seed. */
class RaceRulesTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static Race race() {
        return new Race("Test race", new User("Org", NOW), "standard",
                new Seed("standard", 1, "{\"total_layers\":4}", 4, "standard/available/seed_1", NOW), true, null, NOW);
    }

    @Test
    void raceLifecycle() {
        Race race = race();
        assertEquals(RaceStatus.DRAFT, race.status());
        assertThrows(ConflictException.class, race::reset, "a draft cannot be reset");
        assertThrows(ConflictException.class, () -> race.begin(NOW), "only a countdown begins");
        race.open();
        assertThrows(ConflictException.class, race::open, "open twice");
        assertThrows(InvalidRequestException.class, () -> race.scheduleStart(NOW.minusSeconds(60), NOW));
        race.scheduleStart(NOW.plusSeconds(60), NOW);
        assertEquals(RaceStatus.COUNTDOWN, race.status());
        assertThrows(ConflictException.class, () -> race.reroll(null), "no re-roll after the countdown began");
        race.begin(NOW.plusSeconds(600));
        assertEquals(NOW.plusSeconds(60), race.startedAt(), "a late flip keeps the scheduled start");
        race.finish(NOW.plusSeconds(900));
        assertThrows(ConflictException.class, () -> race.finish(NOW), "finish twice");
        race.reset();
        assertEquals(RaceStatus.OPEN, race.status());
        assertNull(race.startedAt());
    }

    @Test
    void participantProgressOnlyMovesForward() {
        Participant p = new Participant(java.util.UUID.randomUUID(), race(), new User("Racer", NOW), "alice", "Alice", "abc", 0,
                NOW);
        p.ready();
        p.ready();
        p.report(1_000, "chapel", 1, 0, NOW);
        assertEquals(ParticipantStatus.PLAYING, p.status());
        assertEquals(1_000L, p.layerEntryIgt());
        assertEquals("igt-backwards",
                assertThrows(InvalidRequestException.class, () -> p.report(500, "x", 1, 0, NOW)).slug());
        assertEquals("layer-backwards",
                assertThrows(InvalidRequestException.class, () -> p.report(2_000, "x", 0, 0, NOW)).slug());
        p.enterZone("b", 3_000, 2, NOW);
        p.enterZone("a", 4_000, 1, NOW);
        assertEquals(2, p.currentLayer(), "entering a lower layer does not move the player back");
        assertEquals(2, p.zoneCount());
        p.finish(5_000, NOW);
        assertEquals("already-finished", assertThrows(ConflictException.class, () -> p.finish(6_000, NOW)).slug());
        assertThrows(ConflictException.class, p::abandon);
        assertThrows(ConflictException.class, p::ready);
    }

    @Test
    void aZoneHistoryIsBounded() {
        Participant p = new Participant(java.util.UUID.randomUUID(), race(), new User("Racer", NOW), "alice", "Alice", "abc", 0,
                NOW);
        for (int i = 0; i < Participant.MAX_ZONE_HISTORY; i++) {
            assertEquals(new ZoneVisit("n" + i, i, null), p.enterZone("n" + i, i, null, NOW));
        }
        assertEquals(Participant.MAX_ZONE_HISTORY, p.zoneCount());
        assertEquals("zone-history-full", assertThrows(ConflictException.class,
                () -> p.enterZone("more", 1_000_000, null, NOW)).slug());
        assertEquals("n" + (Participant.MAX_ZONE_HISTORY - 1), p.currentZone(), "a refused entry moves nothing");
        p.reset();
        assertEquals(0, p.zoneCount());
    }

    static Path zip(Path file, Map<String, String> entries) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    /** Every entry of a written pack, name → content, read to the end (a truncated zip fails here). */
    static Map<String, String> written(Packs.Pack pack) throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Packs.write(pack, written);
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(written.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void aZippedSeedInATopFolderMakesTheSameLayoutAsAFolderSeed(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("seed_105");
        Files.createDirectories(folder.resolve("mod"));
        Files.writeString(folder.resolve("graph.json"), "{}");
        Files.writeString(folder.resolve("mod/regulation.bin"), "r");
        Path zipped = zip(dir.resolve("seed_105.zip"), new LinkedHashMap<>(Map.of("seed_105/graph.json", "{}",
                "seed_105/mod/regulation.bin", "r")));
        Map<String, String> fromFolder = written(Packs.pack("p.zip", "speedfog_105", folder, "t", Optional.empty()));
        Map<String, String> fromZip = written(Packs.pack("p.zip", "speedfog_105", zipped, "t", Optional.empty()));
        assertEquals(new TreeSet<>(fromFolder.keySet()), new TreeSet<>(fromZip.keySet()));
        assertTrue(fromZip.containsKey("speedfog_105/graph.json"), fromZip.keySet().toString());
        assertTrue(fromZip.containsKey("speedfog_105/mod/regulation.bin"), fromZip.keySet().toString());
    }

    @Test
    void theConfiguredModDllWinsOverTheSeedsOwnAndThePackIsComplete(@TempDir Path dir) throws Exception {
        Path dll = Files.writeString(dir.resolve("configured.dll"), "configured");
        Path zipped = zip(dir.resolve("seed_7.zip"), new LinkedHashMap<>(Map.of("graph.json", "{}",
                "speedfog_race.dll", "from the seed", "mod/a.bin", "a")));
        Path folder = dir.resolve("seed_8");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("graph.json"), "{}");
        Files.writeString(folder.resolve("speedfog_race.dll"), "from the seed");
        for (Path seed : List.of(zipped, folder)) {
            Map<String, String> entries = written(Packs.pack("p.zip", "speedfog_7", seed, "t", Optional.of(dll)));
            assertEquals("configured", entries.get("speedfog_7/speedfog_race.dll"), seed.toString());
            assertEquals("{}", entries.get("speedfog_7/graph.json"), "the whole pack arrives: " + entries.keySet());
            assertEquals("t", entries.get("speedfog_7/speedfog_race.toml"));
        }
        Map<String, String> seedsOwn = written(Packs.pack("p.zip", "speedfog_7", zipped, "t", Optional.empty()));
        assertEquals("from the seed", seedsOwn.get("speedfog_7/speedfog_race.dll"), "no DLL configured: the seed's");
    }

    @Test
    void aPackThatCannotBeCompletedIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("seed_9.zip"), "not a zip at all");
        assertEquals("pack-unavailable", assertThrows(ServiceUnavailableException.class,
                () -> Packs.pack("p.zip", "speedfog_9", broken, "t", Optional.empty())).slug());
        Path folder = Files.createDirectories(dir.resolve("seed_10"));
        Files.writeString(folder.resolve("graph.json"), "{}");
        assertEquals("pack-unavailable", assertThrows(ServiceUnavailableException.class,
                () -> Packs.pack("p.zip", "speedfog_10", folder, "t", Optional.of(dir.resolve("missing.dll")))).slug());
    }

    @Test
    void packEntriesNeverLeaveTheSeedFolder(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("seed_5.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String name : List.of("graph.json", "../evil.txt", "/etc/passwd", "mod/../../x", "C:\\win.ini",
                    "mod/ok.bin", "speedfog_race.toml")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(1);
                out.closeEntry();
            }
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Packs.write(Packs.pack("p.zip", "speedfog_5", zip, "server.mod_token = \"t\"\n", Optional.empty()), written);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(written.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("speedfog_5/graph.json", "speedfog_5/mod/ok.bin", "speedfog_5/speedfog_race.toml"), names);
        assertTrue(names.stream().allMatch(n -> n.startsWith("speedfog_5/")));
        assertFalse(names.stream().anyMatch(n -> n.contains("..")));
    }
}
