package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.paddock.testing.TestDatabase;

/**
 * V9 moves each participant's zone history from a JSON column into one row per entry, in order and
 * cut at the bound, and counts them on the participant. Runs Flyway from {@code migrations/} on a
 * scratch database of its own, no server needed.
 */
class ZoneHistoryMigrationIT {

    @Test
    void v9KeepsEveryHistoryInOrderUpToTheBound() throws SQLException {
        String url = TestDatabase.scratch("v9");
        Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations("filesystem:migrations").target("8").load().migrate();
        StringBuilder long600 = new StringBuilder("[");
        for (int i = 0; i < 600; i++) {
            long600.append(i == 0 ? "" : ",").append("{\"node_id\":\"n").append(i).append("\",\"igt_ms\":").append(i)
                    .append('}');
        }
        long600.append(']');
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, display_name, created_at) VALUES "
                    + "('00000000-0000-0000-0000-000000000001', 'Org', now()), "
                    + "('00000000-0000-0000-0000-000000000002', 'Alice', now()), "
                    + "('00000000-0000-0000-0000-000000000003', 'Bob', now())");
            s.execute("INSERT INTO seeds (id, seed_number, pool_name, graph_json, total_layers, location, status, created_at) "
                    + "VALUES ('00000000-0000-0000-0000-000000000010', 1, 'standard', '{}', 4, 'standard/available/seed_1', "
                    + "'CONSUMED', now())");
            s.execute("INSERT INTO races (id, name, organizer_id, seed_id, pool_name, status, created_at) VALUES "
                    + "('00000000-0000-0000-0000-000000000020', 'Race', '00000000-0000-0000-0000-000000000001', "
                    + "'00000000-0000-0000-0000-000000000010', 'standard', 'RUNNING', now())");
            s.execute("INSERT INTO participants (id, race_id, user_id, twitch_username, status, color_index, created_at, "
                    + "mod_token_hash, zone_history) VALUES "
                    + "('00000000-0000-0000-0000-000000000031', '00000000-0000-0000-0000-000000000020', "
                    + "'00000000-0000-0000-0000-000000000002', 'alice', 'PLAYING', 0, now(), 'h1', "
                    + "'[{\"node_id\":\"a\",\"igt_ms\":5000,\"layer\":1},{\"node_id\":\"b\",\"igt_ms\":9000}]'), "
                    + "('00000000-0000-0000-0000-000000000032', '00000000-0000-0000-0000-000000000020', "
                    + "'00000000-0000-0000-0000-000000000003', 'bob', 'PLAYING', 1, now(), 'h2', '" + long600 + "')");
        }
        Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations("filesystem:migrations").load().migrate();
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            List<String> alice = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT seq, node_id, igt_ms, layer FROM participant_zones "
                    + "WHERE participant_id = '00000000-0000-0000-0000-000000000031' ORDER BY seq")) {
                while (rows.next()) {
                    alice.add(rows.getInt(1) + " " + rows.getString(2) + " " + rows.getLong(3) + " " + rows.getObject(4));
                }
            }
            assertEquals(List.of("0 a 5000 1", "1 b 9000 null"), alice);
            try (ResultSet rows = s.executeQuery("SELECT twitch_username, zone_count, "
                    + "(SELECT max(seq) FROM participant_zones z WHERE z.participant_id = p.id) "
                    + "FROM participants p ORDER BY twitch_username")) {
                rows.next();
                assertEquals(2, rows.getInt(2));
                rows.next();
                assertEquals(500, rows.getInt(2), "a history longer than the bound is cut at it");
                assertEquals(499, rows.getInt(3));
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_name = 'participants' AND column_name = 'zone_history'")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the JSON column is gone");
            }
        }
    }
}
