package io.paddock.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.paddock.telemetry.control.RefusingHeartbeatWriter;

/**
 * Test archives are the WAR that {@code mvn package} built, deployed as ROOT.war so it answers at
 * "/" exactly as in production; a test adds only its own probes and test classes.
 */
public final class Deployments {

    private Deployments() {
    }

    /**
     * The built WAR plus {@link ServerReset}, so that test classes deploying the same archive share one
     * server ({@link SharedPayaraMicro}).
     */
    public static WebArchive paddock() {
        File built = new File("target/paddock.war");
        if (!built.isFile()) {
            throw new IllegalStateException("target/paddock.war is missing: run the tests with 'mvn verify'.");
        }
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, built))
                .addClasses(ServerReset.class, ServerReset.Done.class);
    }

    /**
     * The built WAR plus the test-only {@link TestSupportResource}, {@link MutableClock} and
     * {@link RefusingHeartbeatWriter}: black-box tests mint users and credentials, move time and refuse
     * heartbeat writes through HTTP; and {@link StallingSearchSource}, a staff search source that stalls
     * on demand.
     */
    public static WebArchive paddockWithTestSupport() {
        return paddock().addClasses(TestSupportResource.class, TestSupportResource.Credentials.class,
                MutableClock.class, MutableClock.Producer.class, RefusingHeartbeatWriter.class,
                StallingSearchSource.class);
    }

    /**
     * For in-container tests: the built WAR plus the harness classes a test class refers to. Arquillian
     * adds the test class itself, so no other class deploys the same archive.
     */
    public static WebArchive paddockWithHarness() {
        return paddock().addClasses(PaddockIT.class, FreshDatabase.class, TestDatabase.class);
    }
}
