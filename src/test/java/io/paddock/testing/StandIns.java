package io.paddock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

/**
 * Loopback stand-ins for the external services (SMTP via GreenMail, and one HTTP server on which
 * each fake provider — Discord, Twitch, Turnstile… — registers its paths), started once per test
 * JVM before the first deployment. Their addresses go into {@code target/test-runtime.properties},
 * which the managed Payara Micro loads with {@code --systemProperties} (see arquillian.xml), so the
 * application under test talks to them exactly as it would to the real services.
 * Tests keep their data apart by using unique names, ids and addresses.
 */
public final class StandIns {

    public static final Path RUNTIME_PROPERTIES = Path.of("target/test-runtime.properties");

    /** The superadmin every test deployment bootstraps on its fresh database. */
    public static final String BOOTSTRAP_SUPERADMIN_EMAIL = "root@paddock.test";
    public static final String BOOTSTRAP_SUPERADMIN_PASSWORD = "correct horse battery 9";

    private static GreenMail mail;
    private static HttpServer http;

    private StandIns() {
    }

    /** The SimHub plugin download the Gate page links to in tests. */
    public static final String PLUGIN_DOWNLOAD_URL = "https://downloads.paddock.test/PaddockSimHub-1.4.0.zip";

    /** Starts everything (once) and writes the runtime properties. Called by {@link FreshDatabase}. */
    public static synchronized void start() {
        if (http != null) {
            return;
        }
        try {
            int smtpPort = freePort();
            mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newCachedThreadPool());
            Map<String, String> properties = new TreeMap<>();
            properties.put("paddock.smtp.host", "127.0.0.1");
            properties.put("paddock.smtp.port", Integer.toString(smtpPort));
            properties.put("paddock.smtp.from", "Paddock <paddock@test.invalid>");
            properties.put("paddock.bootstrap.superadmin.email", BOOTSTRAP_SUPERADMIN_EMAIL);
            properties.put("paddock.bootstrap.superadmin.password", BOOTSTRAP_SUPERADMIN_PASSWORD);
            // As behind a reverse proxy: tests name the client address with X-Forwarded-For (rate limits
            // per address); requests without it are 127.0.0.1 as before.
            properties.put("paddock.trust-proxy", "true");
            properties.put("paddock.plugin.download-url", PLUGIN_DOWNLOAD_URL);
            properties.put("paddock.plugin.download-version", "1.4.0");
            for (StandIn standIn : StandIn.ALL) {
                properties.putAll(standIn.install(http, "http://127.0.0.1:" + http.getAddress().getPort()));
            }
            http.start();
            Files.createDirectories(RUNTIME_PROPERTIES.getParent());
            try (Writer out = Files.newBufferedWriter(RUNTIME_PROPERTIES)) {
                for (Map.Entry<String, String> entry : properties.entrySet()) {
                    out.write(entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\") + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test stand-ins", e);
        }
    }

    /** The SMTP stand-in: read what the application sent. */
    public static GreenMail mail() {
        start();
        return mail;
    }

    /** Base URL of the HTTP stand-in server. */
    public static String httpBase() {
        start();
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * One fake external service: registers its handlers on the shared server and returns the
     * configuration keys that point the application at it. Add new ones to {@link #ALL}.
     */
    public interface StandIn {

        java.util.List<StandIn> ALL = java.util.List.of(new FakeDiscord(), new FakeTwitch(), new SeedPoolStandIn(),
                new FakeStripe(),
                new FakeDiscordGateway(), new FakeSeedr());

        Map<String, String> install(HttpServer server, String baseUrl);
    }
}
