package io.paddock.telemetry.control;

import java.util.Objects;
import java.util.UUID;

import io.paddock.telemetry.entity.SimPlatform;

/** The installation a signed plugin request came from; {@code secret} is the decrypted HMAC key. */
public record PluginCaller(UUID installationId, String installationKey, UUID userId, SimPlatform platform,
        byte[] secret, boolean active) {

    public PluginCaller {
        Objects.requireNonNull(installationId);
        Objects.requireNonNull(userId);
        Objects.requireNonNull(secret);
    }
}
