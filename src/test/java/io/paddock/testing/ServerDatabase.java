package io.paddock.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The test database as the integration tests' servers see it (test client only): emptied before a
 * server boots, so Flyway migrates from scratch; copied into memory once that boot is done; and put
 * back to that copy before another test class reuses the server ({@link SharedPayaraMicro}). The copy
 * stays out of the database, so tests that read the catalog see the application's tables only.
 */
final class ServerDatabase {

    /**
     * Tables a reset leaves alone: Flyway's history, and the server's own keys, which the running server
     * holds in memory (they only ever gain rows).
     */
    private static final Set<String> KEPT = Set.of("flyway_schema_history", "server_keys", "signing_keys");

    /** Every table's rows (PostgreSQL's binary COPY format) as the boot left them, referenced tables first. */
    record Snapshot(Map<String, byte[]> rows) {
    }

    private ServerDatabase() {
    }

    /** Drops everything: the next server migrates an empty schema. */
    static void empty() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    /** Copies every table (but the kept ones) as the server's boot left it: migrations, bootstrap, scans. */
    static Snapshot snapshot() throws SQLException, IOException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one consistent view
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, byte[]> rows = new LinkedHashMap<>();
            for (String table : referencedFirst(c, tables(c))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy.copyOut("COPY public." + quote(table) + " TO STDOUT (FORMAT binary)", out);
                rows.put(table, out.toByteArray());
            }
            c.commit();
            return new Snapshot(rows);
        }
    }

    /**
     * Empties every table of the snapshot and refills it, in one transaction, referenced tables first.
     * Identity sequences go on counting, so restored rows never collide with them.
     */
    static void restore(Snapshot snapshot) throws SQLException, IOException {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // A timer's short transaction on the running server may hold a table for a moment.
                s.execute("SET LOCAL lock_timeout = '30s'");
                s.execute("TRUNCATE " + snapshot.rows().keySet().stream().map(t -> "public." + quote(t))
                        .collect(Collectors.joining(", ")));
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Map.Entry<String, byte[]> table : snapshot.rows().entrySet()) {
                    copy.copyIn("COPY public." + quote(table.getKey()) + " FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(table.getValue()));
                }
                c.commit();
            } catch (SQLException | IOException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                        + "'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1")) {
            while (rows.next()) {
                if (!KEPT.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** The tables ordered so that every table comes after the tables its foreign keys reference. */
    private static List<String> referencedFirst(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> references = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT child.relname, parent.relname FROM pg_constraint k "
                        + "JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid "
                        + "WHERE k.contype = 'f' AND child.relnamespace = 'public'::regnamespace")) {
            while (rows.next()) {
                if (!rows.getString(1).equals(rows.getString(2))) {
                    references.computeIfAbsent(rows.getString(1), t -> new LinkedHashSet<>()).add(rows.getString(2));
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : tables) {
                if (!ordered.contains(table) && tables.stream().filter(references.getOrDefault(table, Set.of())::contains)
                        .allMatch(ordered::contains)) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                ordered.addAll(tables); // a cycle: its rows must not depend on each other
            }
        }
        return new ArrayList<>(ordered);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
