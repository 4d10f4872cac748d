package io.paddock.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.identity.entity.User;
import io.paddock.telemetry.control.Heartbeats;
import io.paddock.telemetry.control.SecretBox;
import io.paddock.telemetry.entity.Heartbeat;
import io.paddock.telemetry.entity.PluginInstallation;
import io.paddock.telemetry.entity.SimPlatform;
import io.paddock.telemetry.entity.TelemetrySession;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/** In-container: what the pruning timer does, and secrets at rest being encrypted. */
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
    SecretBox secretBox;

    @Inject
    Clock clock;

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
