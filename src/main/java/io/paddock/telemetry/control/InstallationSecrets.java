package io.paddock.telemetry.control;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.security.SecretBox;
import io.paddock.platform.security.ServerKeys;

/**
 * Installation secrets at rest, sealed in a {@link SecretBox} (AES-256-GCM). Verifying a plugin's HMAC
 * needs the secret itself, so it cannot be stored as a one-way hash; a database dump alone does not
 * reveal it. The key comes from {@code paddock.telemetry.secret-key} (base64 of 32 bytes) or, when unset,
 * is generated on first start and kept by {@link ServerKeys} as {@code telemetry.secret-box} (then the
 * dump does hold the key: set it in production).
 */
@Startup
@Singleton
@DependsOn("ServerKeys")
@Lock(LockType.READ)
public class InstallationSecrets {

    static final String CONFIG_KEY = "paddock.telemetry.secret-key";
    static final String KEY_NAME = "telemetry.secret-box";

    @Inject
    ServerKeys serverKeys;

    @Inject
    @ConfigProperty(name = CONFIG_KEY)
    Optional<String> configuredKey;

    private SecretBox box;

    @PostConstruct
    void load() {
        box = new SecretBox(serverKeys.key(KEY_NAME, CONFIG_KEY, configuredKey));
    }

    public String seal(String secret) {
        return box.seal(secret);
    }

    public byte[] open(String sealed) {
        try {
            return box.open(sealed);
        } catch (SecretBox.SealedSecretException e) {
            throw new IllegalStateException("An installation secret could not be decrypted: was " + CONFIG_KEY
                    + " changed?", e);
        }
    }
}
