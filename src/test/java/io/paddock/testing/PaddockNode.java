package io.paddock.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A Paddock of its own for tests that need a server process they control (stop it hard, start it
 * again): Payara Micro started by server-config/micro as scripts/run starts it, with the stand-ins'
 * addresses and the test-support archive, on a database the test names. The test JVM's transfers
 * settings (the shared server's engine port and download folder) are replaced by the caller's.
 */
public record PaddockNode(String name, int port, Process process, Path log) {

    static final Pattern DB_URL = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?");

    /** A fresh, empty database beside the tests' one, named after it plus {@code suffix}; its URL. */
    public static String freshDatabase(String suffix) throws Exception {
        Matcher url = DB_URL.matcher(TestDatabase.url());
        if (!url.matches()) {
            throw new IllegalStateException("Not a PostgreSQL URL: " + TestDatabase.url());
        }
        String database = url.group(2) + "_" + suffix;
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + url.group(1) + "/postgres",
                TestDatabase.user(), TestDatabase.password()); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + database + "\"");
        }
        return "jdbc:postgresql://" + url.group(1) + "/" + database;
    }

    /** The test-support archive, written to {@code war}. */
    public static Path exportWar(Path war) throws IOException {
        Files.createDirectories(war.getParent());
        Deployments.paddockWithTestSupport().as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /**
     * Starts a node on {@code dbUrl} with its Payara root under {@code root} and its output in
     * {@code log} (appended, so a restarted node's log follows the first one's); {@code env} adds or
     * replaces environment variables (PADDOCK_TRANSFERS_BT_PORT, PADDOCK_TRANSFERS_DOWNLOAD_DIR, ...).
     */
    public static PaddockNode start(String name, Path war, Path root, Path log, String dbUrl, Map<String, String> env)
            throws IOException {
        StandIns.start();
        int port = freePort();
        Files.createDirectories(root);
        ProcessBuilder pb = new ProcessBuilder("sh", "server-config/micro", "target/payara-micro.jar",
                war.toString(), root.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = pb.environment();
        environment.put("PADDOCK_PORT", Integer.toString(port));
        environment.put("PADDOCK_DB_URL", dbUrl);
        environment.put("PADDOCK_DB_USER", TestDatabase.user());
        environment.put("PADDOCK_DB_PASSWORD", TestDatabase.password());
        environment.put("PADDOCK_PUBLIC_URL", "http://127.0.0.1:" + port);
        environment.put("PADDOCK_NODE", name);
        environment.put("PADDOCK_JAVA_OPTS", SharedPayaraMicro.testJvm(SharedPayaraMicro.readMicroConf()) + " -Djava.io.tmpdir="
                + Files.createDirectories(root.resolve("tmp")).toAbsolutePath());
        environment.put("PADDOCK_MICRO_OPTIONS", "--systemProperties " + StandIns.RUNTIME_PROPERTIES);
        environment.remove("PADDOCK_CLUSTER_MEMBERS");
        environment.putAll(env);
        return new PaddockNode(name, port, pb.start(), log);
    }

    public URL base() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Http http() {
        return new Http(base());
    }

    /**
     * Ready when the application answers, not only the health endpoint: Payara serves /health/ready
     * (UP) while the application is still starting, before its own paths answer.
     */
    public boolean ready() {
        try {
            return http().get("health/ready").body().contains("\"status\":\"UP\"")
                    && http().send("POST", "api/test-support/clock/advance?seconds=0", null, null).status() == 200;
        } catch (RuntimeException | AssertionError e) { // not listening yet
            return false;
        }
    }

    /** Waits until the node is ready; fails if its process ends first or {@code timeout} passes. */
    public PaddockNode awaitReady(Duration timeout) {
        await(() -> ready() || !process.isAlive(), timeout, "node " + name + " ready (log: " + log + ")");
        if (!process.isAlive()) {
            throw new AssertionError("Node " + name + " ended while booting; see " + log);
        }
        return this;
    }

    /** Ends the process at once (SIGKILL): nothing of the application's shutdown runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("Node " + name + " did not end after SIGKILL");
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after a minute), if it still runs. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Removes {@code root} and everything under it, if it exists (a node's folder from a run before). */
    public static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No " + what + " within " + timeout);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
