package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.paddock.testing.TestDatabase;

/**
 * V8 moves the keys of an existing installation from the two per-module tables into {@code server_keys}
 * unchanged (a lost key would make every installation secret unreadable and revoke every mod token).
 * Runs Flyway from {@code migrations/} on a scratch database of its own, no server needed.
 */
class ServerKeysMigrationIT {

    @Test
    void v8KeepsEveryStoredKey() throws SQLException {
        String url = TestDatabase.scratch("v8");
        Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations("filesystem:migrations").target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO racing_keys VALUES ('token-key', 'cmFjaW5nLWtleQ==', now()), "
                    + "('token-key-id', 'abcdef0123456789', now())");
            s.execute("INSERT INTO telemetry_keys VALUES ('secret-box', 'dGVsZW1ldHJ5LWtleQ==', now())");
        }
        Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations("filesystem:migrations").load().migrate();
        Map<String, String> keys = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT name, value FROM server_keys ORDER BY name")) {
                while (rows.next()) {
                    keys.put(rows.getString(1), rows.getString(2));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_name IN ('racing_keys', 'telemetry_keys')")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the per-module tables are gone");
            }
        }
        assertEquals(Map.of("racing.token-key", "cmFjaW5nLWtleQ==", "racing.token-key-id", "abcdef0123456789",
                "telemetry.secret-box", "dGVsZW1ldHJ5LWtleQ=="), keys);
        assertFalse(keys.isEmpty());
    }
}
