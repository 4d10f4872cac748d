package io.paddock.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The integration tests' database, as failsafe hands it to the test JVM and to Payara Micro. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static String url() {
        return env("PADDOCK_DB_URL", "jdbc:postgresql://127.0.0.1:5432/paddock_test");
    }

    public static String user() {
        return env("PADDOCK_DB_USER", "postgres");
    }

    public static String password() {
        return env("PADDOCK_DB_PASSWORD", "");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /**
     * A new empty database beside the test database, named after it with {@code _suffix} (dropped first
     * if a former run left it), for a test that needs a schema of its own; answers its JDBC URL.
     */
    public static String scratch(String suffix) throws SQLException {
        String base = url().replaceFirst("\\?.*$", "");
        String server = base.substring(0, base.lastIndexOf('/'));
        String database = base.substring(base.lastIndexOf('/') + 1) + "_" + suffix;
        try (Connection admin = DriverManager.getConnection(server + "/postgres", user(), password());
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + database + "\"");
        }
        return server + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
