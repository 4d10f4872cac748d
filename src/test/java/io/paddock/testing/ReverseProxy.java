package io.paddock.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Assumptions;

/**
 * HAProxy started with the shipped {@code server-config/haproxy.cfg}, changed only where the test's
 * addresses differ from the container set-up: its port, both backend servers on the test's Payara Micro,
 * no container DNS, and a connection limit this process's open-file limit allows. Without HAProxy the
 * test is skipped with a warning, unless {@code PADDOCK_REQUIRE_PROXY=1} (as on CI) makes it fail.
 */
public final class ReverseProxy implements AutoCloseable {

    private static final Path SHIPPED = Path.of("server-config", "haproxy.cfg");

    private final Process process;
    private final Path log;
    public final URL base;

    private ReverseProxy(Process process, Path log, URL base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts HAProxy in front of {@code backend} and waits until it accepts connections. */
    public static ReverseProxy inFrontOf(URL backend) throws IOException, InterruptedException {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            String message = haproxy + " is missing: apt-get install haproxy to test the shipped proxy configuration.";
            if ("1".equals(System.getenv("PADDOCK_REQUIRE_PROXY"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + " Skipping.");
            Assumptions.abort(message);
        }
        int port = freePort();
        String server = backend.getHost() + ":" + backend.getPort();
        String config = Files.readString(SHIPPED)
                .replace("bind :8080", "bind 127.0.0.1:" + port)
                .replace("paddock-a:8080", server)
                .replace("paddock-b:8080", server)
                .replace(" resolvers docker init-addr last,libc,none", "")
                .replaceAll("(?m)^resolvers docker\\n(    .*\\n)*", "")
                // The shipped limit needs more descriptors than a test machine lets a process have.
                .replaceAll("(?m)^(\\s*)maxconn \\d+", "$1maxconn 1000");
        Path dir = Files.createDirectories(Path.of("target", "haproxy"));
        Path file = dir.resolve("haproxy-" + port + ".cfg");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy-" + port + ".log");
        Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ReverseProxy proxy = new ReverseProxy(process, log, new URL("http://127.0.0.1:" + port + "/"));
        proxy.awaitListening(port);
        return proxy;
    }

    /** What HAProxy logged so far: one line per request, with the request id. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("HAProxy did not listen on " + port + " within 20 s: " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
