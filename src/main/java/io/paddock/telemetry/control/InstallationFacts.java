package io.paddock.telemetry.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.AccountFacts;
import io.paddock.telemetry.entity.PluginInstallation;
import io.paddock.telemetry.entity.SimPlatform;

/** A user's plugin installations, for the staff's user detail (one query). */
@ApplicationScoped
public class InstallationFacts implements AccountFacts {

    public record InstallationFact(UUID id, String installationId, String pluginVersion, SimPlatform simPlatform,
            Instant firstSeenAt, Instant lastSeenAt, Instant revokedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Override
    public String key() {
        return "installations";
    }

    @Override
    public List<InstallationFact> of(UUID userId) {
        return em.createNamedQuery(PluginInstallation.OF_USER, PluginInstallation.class).setParameter("userId", userId)
                .getResultStream().map(i -> new InstallationFact(i.id(), i.installationKey(), i.pluginVersion(),
                        i.simPlatform(), i.firstSeenAt(), i.lastSeenAt(), i.revokedAt()))
                .toList();
    }
}
