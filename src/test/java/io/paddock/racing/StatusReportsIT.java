package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.platform.persistence.PaddockDataSource;
import io.paddock.platform.security.Digests;
import io.paddock.racing.control.StatusReports;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/**
 * In-container: the mods' status reports are stored by one statement per batch under the rules a
 * participant's own report enforces. Concurrent reports of many participants are all stored; two of
 * one participant are each checked against what the other left; every refusal stores nothing and
 * hands the report back to the transactional path.
 */
@PaddockIT
class StatusReportsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness();
    }

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Inject
    StatusReports reports;

    @Test
    void concurrentReportsOfManyParticipantsAreAllStored() throws Exception {
        UUID race = race("RUNNING");
        List<UUID> participants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            participants.add(participant(race, i % 2 == 0 ? "REGISTERED" : "READY", 0, 0));
        }
        ExecutorService mods = Executors.newFixedThreadPool(40);
        try {
            List<Future<Boolean>> stored = new ArrayList<>();
            for (UUID p : participants) {
                stored.add(mods.submit(() -> reports.report(p, 1_000, "zone_a", 1, 3)));
            }
            for (Future<Boolean> f : stored) {
                assertTrue(f.get());
            }
        } finally {
            mods.shutdownNow();
        }
        for (UUID p : participants) {
            Map<String, Object> row = row(p);
            assertEquals("PLAYING", row.get("status"));
            assertEquals(1_000L, row.get("igt_ms"));
            assertEquals("zone_a", row.get("current_zone"));
            assertEquals(1, row.get("current_layer"));
            assertEquals(1_000L, row.get("layer_entry_igt"), "a higher layer notes the IGT it was entered at");
            assertEquals(3, row.get("death_count"));
            assertEquals(1L, row.get("version"), "the entity version moves with every stored report");
            assertNotNull(row.get("last_progress_at"));
        }
    }

    @Test
    void twoReportsOfOneParticipantAreCheckedOneAfterTheOther() throws Exception {
        UUID race = race("RUNNING");
        UUID p = participant(race, "PLAYING", 500, 1);
        ExecutorService mods = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Boolean>> both = List.of(() -> reports.report(p, 2_000, null, null, null),
                    () -> reports.report(p, 2_500, null, 2, null));
            int storedCount = 0;
            for (Future<Boolean> f : mods.invokeAll(both)) {
                storedCount += f.get() ? 1 : 0;
            }
            Map<String, Object> row = row(p);
            assertEquals(2_500L, row.get("igt_ms"), "the later IGT wins whichever came first");
            assertEquals(2, row.get("current_layer"));
            assertEquals((long) storedCount, row.get("version"), "one version per stored report");
            assertTrue(storedCount >= 1);
        } finally {
            mods.shutdownNow();
        }
    }

    @Test
    void absentFieldsKeepWhatWasStored() throws SQLException {
        UUID p = participant(race("RUNNING"), "PLAYING", 500, 2);
        assertTrue(reports.report(p, 600, "zone_b", 3, 1));
        assertTrue(reports.report(p, 700, null, null, null));
        Map<String, Object> row = row(p);
        assertEquals(700L, row.get("igt_ms"));
        assertEquals("zone_b", row.get("current_zone"));
        assertEquals(3, row.get("current_layer"));
        assertEquals(600L, row.get("layer_entry_igt"), "the same layer keeps its entry IGT");
        assertEquals(1, row.get("death_count"));
    }

    @Test
    void everyRefusalStoresNothing() throws SQLException {
        UUID running = race("RUNNING");
        UUID ahead = participant(running, "PLAYING", 5_000, 4);
        UUID finished = participant(running, "FINISHED", 9_000, 6);
        UUID waiting = participant(race("OPEN"), "READY", 0, 0);
        assertFalse(reports.report(ahead, 4_999, "zone_c", 4, 0), "IGT never goes back");
        assertFalse(reports.report(ahead, 6_000, "zone_c", 3, 0), "nor does the layer");
        assertFalse(reports.report(finished, 10_000, null, null, null), "a finisher reports no more");
        assertFalse(reports.report(waiting, 100, null, null, null), "only a running race takes reports");
        assertFalse(reports.report(UUID.randomUUID(), 100, null, null, null), "an unknown participant");
        Map<String, Object> row = row(ahead);
        assertEquals(5_000L, row.get("igt_ms"));
        assertNull(row.get("current_zone"));
        assertEquals(0L, row.get("version"));
        assertEquals(0L, row(finished).get("version"));
        assertEquals("READY", row(waiting).get("status"));
    }

    private UUID race(String status) throws SQLException {
        UUID user = UUID.randomUUID();
        UUID seed = UUID.randomUUID();
        UUID race = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            update(c, "INSERT INTO users (id, display_name, created_at) VALUES (?, 'Organizer', now())", user);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO seeds (id, seed_number, pool_name, graph_json, "
                    + "total_layers, location, status, created_at) VALUES (?, ?, 'reports', '{\"total_layers\": 9}', 9, "
                    + "'reports/seed', 'CONSUMED', now())")) {
                s.setObject(1, seed);
                s.setLong(2, seed.getMostSignificantBits() & 0xFFFFFFFFL);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO races (id, name, organizer_id, seed_id, "
                    + "pool_name, status, created_at) VALUES (?, 'Reports', ?, ?, 'reports', ?, now())")) {
                s.setObject(1, race);
                s.setObject(2, user);
                s.setObject(3, seed);
                s.setString(4, status);
                s.executeUpdate();
            }
        }
        return race;
    }

    private UUID participant(UUID race, String status, long igt, int layer) throws SQLException {
        UUID user = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            update(c, "INSERT INTO users (id, display_name, created_at) VALUES (?, 'Racer', now())", user);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO participants (id, race_id, user_id, "
                    + "twitch_username, legacy_token_hash, status, color_index, igt_ms, current_layer, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, now())")) {
                s.setObject(1, id);
                s.setObject(2, race);
                s.setObject(3, user);
                s.setString(4, "racer_" + id.toString().substring(0, 8));
                s.setString(5, Digests.tokenHash(id.toString()));
                s.setString(6, status);
                s.setLong(7, igt);
                s.setInt(8, layer);
                s.executeUpdate();
            }
        }
        return id;
    }

    private Map<String, Object> row(UUID participant) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status, igt_ms, current_zone, current_layer, "
                        + "layer_entry_igt, death_count, version, last_progress_at FROM participants WHERE id = ?")) {
            s.setObject(1, participant);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next());
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
                }
                return row;
            }
        }
    }

    private static void update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
