package io.paddock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;

/**
 * The managed Payara Micro of the integration tests, kept running across test classes that deploy the
 * very same archive. Payara's Arquillian container starts one process per deployment and stops it at
 * undeploy; this wrapper (installed over it by {@link Extension}) keeps a server whose archive carries
 * the test-support reset endpoint ({@link ServerReset}) and, when the next class deploys an
 * identical archive, resets it instead of booting another: the database goes back to the state the
 * boot left ({@link ServerDatabase}), then the server drops its caches and in-memory state. Any other
 * archive gets a server of its own on an emptied database, as before. {@link SharedServerOrder} runs the
 * classes of one archive one after the other.
 * <p>
 * The command line comes from {@code server-config/micro.conf}, the one scripts/run and the Docker
 * image use, plus the stand-ins' addresses ({@link StandIns#RUNTIME_PROPERTIES}).
 */
public class SharedPayaraMicro implements DeployableContainer<PayaraMicroContainerConfiguration> {

    private static final Logger LOG = Logger.getLogger(SharedPayaraMicro.class.getName());
    private static final Path MICRO_CONF = Path.of("server-config/micro.conf");
    private static final String RESET_ENDPOINT = "/WEB-INF/classes/" + ServerReset.class.getName()
            .replace('.', '/') + ".class";

    private final PayaraMicroDeployableContainer delegate = new PayaraMicroDeployableContainer();
    private Running running;

    /** The process that is up: what it deployed, whether it may be reused, and where it answers. */
    private record Running(Archive<?> archive, String fingerprint, ServerDatabase.Snapshot boot,
            ProtocolMetaData metaData) {

        boolean shared() {
            return boot != null;
        }
    }

    /** Puts this container in place of Payara's (registered in META-INF/services). */
    public static class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, SharedPayaraMicro.class);
        }
    }

    @Override
    public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
        return PayaraMicroContainerConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        Map<String, String> micro = readMicroConf();
        configuration.setCmdOptions(testJvm(micro));
        configuration.setExtraMicroOptions(micro.get("options") + " " + micro.get("single") + " --systemProperties " + StandIns.RUNTIME_PROPERTIES);
        delegate.setup(configuration);
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return delegate.getDefaultProtocol();
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        boolean shareable = shareable(archive);
        String fingerprint = shareable ? fingerprint(archive) : null;
        if (running != null && running.shared() && running.fingerprint().equals(fingerprint)) {
            try {
                ServerDatabase.restore(running.boot());
                reset(running.metaData());
                LOG.info(() -> "Reusing the running Payara Micro (database and state reset) for " + archive.getName());
                return running.metaData();
            } catch (SQLException | IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not reset the running Payara Micro; starting a fresh one", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("Interrupted while resetting the server", e);
            }
        }
        stopRunning();
        try {
            ServerDatabase.empty();
        } catch (SQLException e) {
            throw new DeploymentException("Cannot empty the test database " + TestDatabase.url(), e);
        }
        ProtocolMetaData metaData = delegate.deploy(archive);
        running = new Running(archive, fingerprint, null, metaData);
        if (shareable) {
            try {
                running = new Running(archive, fingerprint, ServerDatabase.snapshot(), metaData);
            } catch (SQLException | IOException e) {
                LOG.log(Level.WARNING, "Could not copy the booted database; this server will not be reused", e);
            }
        }
        return metaData;
    }

    @Override
    public synchronized void undeploy(Archive<?> archive) throws DeploymentException {
        if (running != null && running.shared()) {
            return; // kept for the next class; stop() or the next other archive ends it
        }
        stopRunning();
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        try {
            stopRunning();
            FreshDatabase.removeServerFolders();
        } catch (DeploymentException | IOException e) {
            throw new LifecycleException("Cannot stop Payara Micro", e);
        }
    }

    private void stopRunning() throws DeploymentException {
        if (running != null) {
            Running stopping = running;
            running = null;
            delegate.undeploy(stopping.archive());
            // Payara's container only signals the process; wait until it is gone, so the next server never
            // meets it on the database and its folder can be removed.
            ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                    .forEach(p -> {
                        try {
                            p.onExit().get(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (ExecutionException | TimeoutException e) {
                            LOG.warning(() -> "Payara Micro (pid " + p.pid() + ") did not stop within 60 s");
                        }
                    });
        }
    }

    /** Asks the server to drop its caches and in-memory state (the database was reset before). */
    private static void reset(ProtocolMetaData metaData) throws IOException, InterruptedException {
        HTTPContext context = metaData.getContexts(HTTPContext.class).iterator().next();
        URI uri = URI.create("http://" + context.getHost() + ":" + context.getPort() + "/api/test-support/reset");
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Whether a server of this archive can be reset for the next class: it has the reset endpoint. */
    static boolean shareable(Archive<?> archive) {
        return archive.contains(RESET_ENDPOINT);
    }

    /** A digest of the archive's name, entry names and contents: equal digests, equal deployments. */
    static String fingerprint(Archive<?> archive) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                digest.write(archive.getName().getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet().stream()
                        .sorted(Comparator.comparing(e -> e.getKey().get())).toList()) {
                    digest.write(0);
                    digest.write(entry.getKey().get().getBytes(StandardCharsets.UTF_8));
                    if (entry.getValue().getAsset() != null) {
                        digest.write(0);
                        try (InputStream in = entry.getValue().getAsset().openStream()) {
                            in.transferTo(digest);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shipped JVM flags plus C1 only: a test server lives minutes and boots many times, so on 2 cores
     * C2's compile threads compete with the boots for the cores.
     */
    public static String testJvm(Map<String, String> micro) {
        return micro.get("jvm") + " -XX:TieredStopAtLevel=1";
    }

    /** {@code server-config/micro.conf}: key=value lines, {@code #} comments. */
    public static Map<String, String> readMicroConf() {
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(MICRO_CONF)) {
                int equals = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                    settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + MICRO_CONF.toAbsolutePath(), e);
        }
        for (String key : new String[] {"jvm", "options", "single", "cluster", "cluster_jvm"}) {
            if (!settings.containsKey(key)) {
                throw new IllegalStateException(MICRO_CONF.toAbsolutePath() + " has no '" + key + "=' line");
            }
        }
        return settings;
    }
}
