package io.paddock.transfers.control;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.security.ConstantTime;
import io.paddock.platform.security.Hmac;
import io.paddock.platform.security.ServerKeys;

/**
 * Signed links to one file that work without signing in until they expire:
 * {@code signature = hex(HMAC-SHA256(key, "transfers-share:" + file id + ":" + expires))}, expires in
 * unix seconds. Nothing is stored; the key is {@code paddock.transfers.share-key} (base64 of 32 bytes)
 * or the server's generated {@code transfers.share-key}. Changing the key revokes every link.
 */
@ApplicationScoped
public class ShareLinks {

    static final String CONFIG_KEY = "paddock.transfers.share-key";

    @Inject
    ServerKeys serverKeys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = CONFIG_KEY)
    Optional<String> configured;

    private volatile byte[] key;

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = serverKeys.key("transfers.share-key", CONFIG_KEY, configured);
            key = k;
        }
        return k;
    }

    public String sign(UUID fileId, Instant expires) {
        return Hmac.sha256Hex(key(), ("transfers-share:" + fileId + ":" + expires.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses a wrong signature (403 {@code invalid-share-link}) or an expired link (403 {@code share-link-expired}). */
    public void verify(UUID fileId, long expires, String signature) {
        String expected = sign(fileId, Instant.ofEpochSecond(expires));
        if (!ConstantTime.equal(expected, signature == null ? null : signature.toLowerCase(java.util.Locale.ROOT))) {
            throw new AccessDeniedException("invalid-share-link", "Invalid link",
                    "This download link is not valid; ask its owner for a new one.");
        }
        if (clock.instant().getEpochSecond() >= expires) {
            throw new AccessDeniedException("share-link-expired", "Link expired",
                    "This download link expired at " + Instant.ofEpochSecond(expires) + ".");
        }
    }
}
