package io.paddock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.identity.entity.User;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.telemetry.control.HeartbeatIntake;
import io.paddock.telemetry.control.Heartbeats;
import io.paddock.telemetry.control.InstallationSecrets;
import io.paddock.telemetry.control.LiveSessions;
import io.paddock.telemetry.control.PluginCaller;
import io.paddock.telemetry.control.SignedRequests;
import io.paddock.telemetry.entity.Heartbeat;
import io.paddock.telemetry.entity.PluginInstallation;
import io.paddock.telemetry.entity.SimPlatform;
import io.paddock.telemetry.entity.TelemetrySession;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/**
 * In-container: the heartbeat write path (group commit, the database's replay memory), what the pruning
 * timer does, and secrets at rest being encrypted.
 */
@PaddockIT
class TelemetryPruningIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness();
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    UserTransaction tx;

    @Inject
    Heartbeats heartbeats;

    @Inject
    InstallationSecrets secretBox;

    @Inject
    Clock clock;

    @Inject
    HeartbeatIntake intake;

    @Inject
    LiveSessions liveSessions;

    @Test
    void concurrentHeartbeatsAreEachCommittedBeforeTheyAreAnswered() throws Exception {
        int plugins = 40;
        List<PluginCaller> callers = new ArrayList<>();
        for (int i = 0; i < plugins; i++) {
            callers.add(installation("group-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Heartbeats.Answer>> answers = new ArrayList<>();
            for (PluginCaller caller : callers) {
                answers.add(pool.submit(() -> intake.record(signed(caller, "sig-" + caller.installationKey()),
                        telemetry(150))));
            }
            for (Future<Heartbeats.Answer> answer : answers) {
                Heartbeats.Answer a = answer.get();
                assertTrue(a.accepted(), String.valueOf(a));
                // Answered means committed: the session row is there with its heartbeat.
                assertEquals(1L, em.createQuery("SELECT COUNT(h) FROM Heartbeat h WHERE h.sessionId = :id", Long.class)
                        .setParameter("id", a.sessionId()).getSingleResult());
            }
        } finally {
            pool.shutdownNow();
        }
        List<UUID> ids = callers.stream().map(PluginCaller::installationId).toList();
        assertEquals((long) plugins, em.createQuery("SELECT COUNT(s) FROM TelemetrySession s "
                + "WHERE s.installationId IN :ids AND s.heartbeats = 1", Long.class).setParameter("ids", ids)
                .getSingleResult());
    }

    @Test
    void aReplayOnlyTheDatabaseRemembersIsRefusedAndCostsOthersNothing() throws Exception {
        PluginCaller first = installation("replay-a");
        PluginCaller second = installation("replay-b");
        PluginCaller third = installation("replay-c");
        assertTrue(intake.record(signed(first, "same-signature"), telemetry(100)).accepted());
        // As after a restart: memory keeps signatures per installation and forgets this one's, so only the
        // database remembers the signature.
        liveSessions.forget(first.installationId());
        UnauthenticatedException replayed = assertThrows(UnauthenticatedException.class,
                () -> intake.record(signed(second, "same-signature"), telemetry(110)));
        assertEquals("request-replayed", replayed.slug());
        assertEquals(0L, em.createQuery("SELECT COUNT(s) FROM TelemetrySession s WHERE s.installationId = :id",
                Long.class).setParameter("id", second.installationId()).getSingleResult(), "nothing of it stored");
        assertTrue(intake.record(signed(third, "another-signature"), telemetry(120)).accepted());
    }

    private PluginCaller installation(String key) throws Exception {
        Instant now = clock.instant();
        tx.begin();
        User user = new User("Driver " + key, now);
        em.persist(user);
        PluginInstallation installation = new PluginInstallation(key + "-" + UUID.randomUUID(), user.id(), "1",
                SimPlatform.IRACING, secretBox.seal("secret"), now);
        em.persist(installation);
        tx.commit();
        return new PluginCaller(installation.id(), installation.installationKey(), user.id(), SimPlatform.IRACING,
                "secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    private static SignedRequests.Verified signed(PluginCaller caller, String signature) {
        return new SignedRequests.Verified(caller, signature, false);
    }

    private Heartbeats.Telemetry telemetry(double speed) {
        return new Heartbeats.Telemetry(clock.instant(), speed, 7000, 4, 61.5, 3, 300);
    }

    @Test
    void pruningKeepsTheNewestTenSnapshotsOfEachSession() throws Exception {
        Instant now = clock.instant();
        tx.begin();
        User user = new User("Pruned driver", now);
        em.persist(user);
        PluginInstallation installation = new PluginInstallation("prune-" + UUID.randomUUID(), user.id(), "1",
                SimPlatform.ACC, secretBox.seal("secret"), now);
        em.persist(installation);
        TelemetrySession busy = new TelemetrySession(installation.id(), user.id(), now);
        TelemetrySession quiet = new TelemetrySession(installation.id(), user.id(), now);
        em.persist(busy);
        em.persist(quiet);
        em.flush();
        for (int i = 0; i < 14; i++) {
            em.persist(new Heartbeat(busy.id(), now.plusSeconds(5L * i), null, 100 + i, 6000, 3, i, 4, 100 + 5 * i,
                    false));
        }
        for (int i = 0; i < 3; i++) {
            em.persist(new Heartbeat(quiet.id(), now.plusSeconds(5L * i), null, 100 + i, 6000, 3, i, 4, i, false));
        }
        tx.commit();

        tx.begin();
        assertEquals(4, heartbeats.prune());
        tx.commit();

        assertEquals(10, heartbeats.snapshots(busy.id()).size());
        assertEquals(120.0, heartbeats.snapshots(busy.id()).get(0).sessionTime(), "the four oldest went");
        assertEquals(3, heartbeats.snapshots(quiet.id()).size());
        assertEquals(13L, em.createQuery("SELECT COUNT(h) FROM Heartbeat h WHERE h.sessionId IN :ids", Long.class)
                .setParameter("ids", java.util.List.of(busy.id(), quiet.id())).getSingleResult());
    }

    @Test
    void installationSecretsAreStoredEncrypted() {
        String sealed = secretBox.seal("my-plugin-secret");
        assertNotEquals(sealed, secretBox.seal("my-plugin-secret"), "a fresh nonce every time");
        assertEquals("my-plugin-secret", new String(secretBox.open(sealed), java.nio.charset.StandardCharsets.UTF_8));
    }
}
