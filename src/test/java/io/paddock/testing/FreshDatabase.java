package io.paddock.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each integration-test class a database as a freshly booted server leaves it: before Arquillian
 * deploys (register this extension first), the stand-ins are started and the test database is created
 * if missing; {@link SharedPayaraMicro} then empties it for a new server, or puts it back to the boot
 * state for a reused one. After the class, stopped servers' temporary folders are removed. Runs on the
 * test client only: inside the container it does nothing.
 */
public class FreshDatabase implements BeforeAllCallback, AfterAllCallback {

    /** Set by failsafe for the test JVM; the Payara Micro process never has it. */
    static final String CLIENT_MARKER = "paddock.test.client";
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?");

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException, IOException {
        if (!Boolean.getBoolean(CLIENT_MARKER)) {
            return;
        }
        // The test JVM's temporary folder (pom.xml: target/it-tmp) must exist before Arquillian uses it.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        StandIns.start();
        String url = TestDatabase.url();
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException("PADDOCK_DB_URL is not a PostgreSQL JDBC URL: " + url);
        }
        String database = matcher.group(2);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + matcher.group(1) + "/postgres",
                TestDatabase.user(), TestDatabase.password());
                PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    try (Statement create = admin.createStatement()) {
                        create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        // PADDOCK_TEST_KEEP_LOGS=1 keeps the server logs (logs/log.txt in each folder) for diagnosis.
        if (Boolean.getBoolean(CLIENT_MARKER)) {
            removeServerFolders();
        }
    }

    /**
     * Removes the managed servers' work folders this test JVM left that no process uses any more, unless
     * PADDOCK_TEST_KEEP_LOGS=1. Also called once the last server stopped ({@link SharedPayaraMicro}).
     */
    static void removeServerFolders() throws IOException {
        if ("1".equals(System.getenv("PADDOCK_TEST_KEEP_LOGS"))) {
            return;
        }
        // The managed container leaves its work folder behind; this run's are newer than the JVM.
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(tmp)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("arquillian-payara-micro"))
                    .toList()) {
                if (Files.getLastModifiedTime(folder).toMillis() >= jvmStart && !inUse(folder)) {
                    deleteTree(folder);
                }
            }
        }
    }

    /**
     * Whether a running process (another test JVM's Payara Micro, started with {@code --deploy
     * <folder>/deployments/ROOT.war}) still uses the folder: deleting it under a live server kills that
     * server's tests. Reads /proc; where there is none, nothing counts as in use.
     */
    private static boolean inUse(Path folder) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return false;
        }
        String name = folder.toAbsolutePath().toString();
        try (Stream<Path> processes = Files.list(proc)) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                                    .contains(name);
                        } catch (IOException | RuntimeException e) {
                            return false; // the process ended or is not ours to read
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
