package io.paddock.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
