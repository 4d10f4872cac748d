package io.paddock.telemetry.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.security.RandomSecrets;
import io.paddock.telemetry.entity.PluginInstallation;
import io.paddock.telemetry.entity.SimPlatform;

/**
 * Plugin installations: registration hands out the signing secret once (stored encrypted by
 * {@link InstallationSecrets}); owners list and revoke them.
 */
@Stateless
public class Installations {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    InstallationSecrets secrets;

    @Inject
    SignedRequests signedRequests;

    public record Registered(PluginInstallation installation, String secret, boolean created) {
    }

    /**
     * Registers a machine for the user, or gives the owner's existing registration a new secret (the old
     * one stops working). A machine registered by someone else is refused.
     */
    public Registered register(UUID userId, String installationKey, String pluginVersion, SimPlatform platform) {
        Instant now = clock.instant();
        String secret = RandomSecrets.token();
        String sealed = secrets.seal(secret);
        Optional<PluginInstallation> existing = byKey(installationKey.strip());
        if (existing.isPresent()) {
            PluginInstallation installation = existing.get();
            if (!installation.ownedBy(userId)) {
                throw new ConflictException("installation-registered-elsewhere", "Installation already registered",
                        "This installation id belongs to another Paddock account.");
            }
            installation.reRegister(pluginVersion, platform, sealed, now);
            signedRequests.forget(installation.installationKey());
            return new Registered(installation, secret, false);
        }
        PluginInstallation installation = new PluginInstallation(installationKey, userId, pluginVersion, platform,
                sealed, now);
        em.persist(installation);
        signedRequests.forget(installation.installationKey()); // it may be cached as unknown
        return new Registered(installation, secret, true);
    }

    public List<PluginInstallation> of(UUID userId) {
        return em.createNamedQuery(PluginInstallation.OF_USER, PluginInstallation.class).setParameter("userId", userId)
                .getResultList();
    }

    public boolean hasActive(UUID userId) {
        return em.createNamedQuery(PluginInstallation.ACTIVE_OF_USER, Long.class).setParameter("userId", userId)
                .getSingleResult() > 0;
    }

    public PluginInstallation revoke(UUID userId, UUID installationId) {
        PluginInstallation installation = em.find(PluginInstallation.class, installationId);
        if (installation == null || !installation.ownedBy(userId)) {
            throw new ResourceNotFoundException("installation-not-found", "Installation not found",
                    "You have no plugin installation " + installationId + ".");
        }
        installation.revoke(clock.instant());
        signedRequests.forget(installation.installationKey());
        return installation;
    }

    public Optional<PluginInstallation> byKey(String installationKey) {
        return em.createNamedQuery(PluginInstallation.BY_KEY, PluginInstallation.class)
                .setParameter("key", installationKey).getResultStream().findFirst();
    }

    /** What signature checks need, with the secret decrypted. */
    public Optional<PluginCaller> credentials(String installationKey) {
        return byKey(installationKey).map(i -> new PluginCaller(i.id(), i.installationKey(), i.userId(),
                i.simPlatform(), secrets.open(i.secretEncrypted()), i.active()));
    }

    /** Records that the installation was seen (called at most once a minute per installation). */
    public void seen(UUID installationId) {
        PluginInstallation installation = em.find(PluginInstallation.class, installationId);
        if (installation != null) {
            installation.seen(clock.instant());
        }
    }
}
