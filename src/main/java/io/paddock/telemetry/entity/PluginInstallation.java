package io.paddock.telemetry.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One SimHub plugin on one machine, registered by a signed-in user. Its secret (stored encrypted)
 * signs the plugin's requests; revoking it stops them at once.
 */
@Entity
@Table(name = "plugin_installations")
@NamedQuery(name = PluginInstallation.BY_KEY, query = "SELECT i FROM PluginInstallation i "
        + "WHERE i.installationKey = :key")
@NamedQuery(name = PluginInstallation.OF_USER, query = "SELECT i FROM PluginInstallation i "
        + "WHERE i.userId = :userId ORDER BY i.firstSeenAt")
@NamedQuery(name = PluginInstallation.ACTIVE_OF_USER, query = "SELECT COUNT(i) FROM PluginInstallation i "
        + "WHERE i.userId = :userId AND i.revokedAt IS NULL")
public class PluginInstallation {

    public static final String BY_KEY = "PluginInstallation.byKey";
    public static final String OF_USER = "PluginInstallation.ofUser";
    public static final String ACTIVE_OF_USER = "PluginInstallation.activeOfUser";

    @Id
    private UUID id;
    private String installationKey;
    private UUID userId;
    private String pluginVersion;
    @Enumerated(EnumType.STRING)
    private SimPlatform simPlatform;
    private String secretEncrypted;
    private Instant firstSeenAt;
    private Instant lastSeenAt;
    private Instant revokedAt;
    private Instant lastPingAt;
    @Version
    private long version;

    protected PluginInstallation() {
    }

    public PluginInstallation(String installationKey, UUID userId, String pluginVersion, SimPlatform simPlatform,
            String secretEncrypted, Instant now) {
        this.id = UUID.randomUUID();
        this.installationKey = requireText(installationKey, "An installation id is required.");
        this.userId = Objects.requireNonNull(userId, "An owner is required.");
        this.pluginVersion = requireText(pluginVersion, "A plugin version is required.");
        this.simPlatform = Objects.requireNonNull(simPlatform, "A sim platform is required.");
        this.secretEncrypted = Objects.requireNonNull(secretEncrypted);
        this.firstSeenAt = Objects.requireNonNull(now);
        this.lastSeenAt = now;
    }

    /** The owner registered the same machine again (reinstall, lost secret): new secret, active again. */
    public void reRegister(String pluginVersion, SimPlatform simPlatform, String secretEncrypted, Instant now) {
        this.pluginVersion = requireText(pluginVersion, "A plugin version is required.");
        this.simPlatform = Objects.requireNonNull(simPlatform);
        this.secretEncrypted = Objects.requireNonNull(secretEncrypted);
        this.revokedAt = null;
        this.lastSeenAt = now;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean ownedBy(UUID user) {
        return userId.equals(user);
    }

    private static String requireText(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return value.strip();
    }

    public UUID id() {
        return id;
    }

    public String installationKey() {
        return installationKey;
    }

    public UUID userId() {
        return userId;
    }

    public String pluginVersion() {
        return pluginVersion;
    }

    public SimPlatform simPlatform() {
        return simPlatform;
    }

    public String secretEncrypted() {
        return secretEncrypted;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastPingAt() {
        return lastPingAt;
    }

    /** A minimal {version} heartbeat: the plugin is running this version. */
    public void pinged(String version, Instant now) {
        if (version != null && !version.isBlank()) {
            this.pluginVersion = version.strip();
        }
        this.lastPingAt = now;
        this.lastSeenAt = now;
    }

    public void seen(Instant now) {
        this.lastSeenAt = now;
    }
}
