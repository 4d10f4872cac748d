package io.paddock.platform.security;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;

/**
 * A throw-away deployment: the built WAR plus one resource method without an access declaration. It must not
 * start, and the server must say which method is to blame. Deployed by hand ({@code managed = false}) so the
 * test sees the failure and stops the server it started.
 */
@PaddockIT
class UndeclaredEndpointIT {

    private static final String DEPLOYMENT = "undeclared";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.paddock().addClass(UndeclaredResource.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aResourceMethodWithoutADeclarationStopsTheDeployment() {
        // The managed server's console reaches this JVM's System.out; keep a copy of it while deploying.
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, console), true, StandardCharsets.UTF_8));
        try {
            try {
                deployer.deploy(DEPLOYMENT);
            } catch (RuntimeException refused) {
                // Payara Micro's connector reports a server that holds no application as a deployment without
                // servlets; should it refuse instead, the outcome is the same and the checks below still apply.
            } finally {
                System.setOut(original);
            }
            String log = console.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains(UndeclaredResource.class.getName() + ".hello() has no security declaration"),
                    "the server did not name the undeclared method:\n" + log);
            assertTrue(Pattern.compile("\"Deployed\":\\s*\\[\\s*]").matcher(log).find(),
                    "the server lists an application as deployed:\n" + log);
            Matcher host = Pattern.compile("\"Host\":\\s*\"([^\"]+)\"").matcher(log);
            Matcher port = Pattern.compile("\"Http Port\\(s\\)\":\\s*\"(\\d+)").matcher(log);
            assertTrue(host.find() && port.find(), "no address in the server's console:\n" + log);
            Reply info = new Http(url("http://" + host.group(1) + ":" + port.group(1) + "/")).get("api/info");
            // Payara Micro without an application answers 500 with an empty body; the point is that Paddock does not.
            assertNotEquals(200, info.status(), "the refused application answers: " + info.body());
        } finally {
            stopServer();
        }
    }

    private static URL url(String address) {
        try {
            return URI.create(address).toURL();
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    /** Undeploying stops the managed server that the failed deployment left running. */
    private void stopServer() {
        try {
            deployer.undeploy(DEPLOYMENT);
        } catch (RuntimeException e) {
            System.err.println("Stopping the refused deployment's server: " + e);
        }
    }

    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
