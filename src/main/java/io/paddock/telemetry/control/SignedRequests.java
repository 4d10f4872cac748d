package io.paddock.telemetry.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.security.ConstantTime;

/**
 * Checks the signature of a plugin request: {@code X-Paddock-Installation}, {@code X-Paddock-Timestamp}
 * (unix seconds, within ±60 s of the server) and {@code X-Paddock-Signature: sha256=<hex HMAC-SHA256 of
 * "timestamp.body">}, compared in constant time. Replays are refused later, inside the request's
 * transaction ({@link PluginRequests#remember}).
 * <p>
 * Decrypted credentials are cached per installation for 5 min so the heartbeat path reads no installation
 * row; registering again or revoking on this node drops the entry at once (another node sees it within 5 min).
 * A suspended owner's installations are refused on every request, whatever the cache holds.
 */
@ApplicationScoped
public class SignedRequests {

    public static final String INSTALLATION_HEADER = "X-Paddock-Installation";
    public static final String TIMESTAMP_HEADER = "X-Paddock-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Paddock-Signature";
    public static final Duration WINDOW = Duration.ofSeconds(60);
    // Long enough that 25,000 plugins cost a few credential reads per second, not hundreds (profiled).
    private static final long CACHE_NANOS = Duration.ofMinutes(5).toNanos();
    private static final long SEEN_EVERY_NANOS = Duration.ofSeconds(60).toNanos();

    @Inject
    Clock clock;

    @Inject
    Installations installations;

    @Inject
    CallerResolver callers;

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<PluginCaller> caller, long loadedAt, long[] lastSeenWritten) {
    }

    /** A verified request: who sent it, and its signature (to remember against replays). */
    public record Verified(PluginCaller caller, String signature, boolean recordSeen) {
    }

    public Verified verify(String installationKey, String timestamp, String signatureHeader, byte[] body) {
        if (blank(installationKey) || blank(timestamp) || blank(signatureHeader)) {
            throw refused("signature-missing", "Signature missing", "Signed plugin requests need the headers "
                    + INSTALLATION_HEADER + ", " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + ".");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw refused("signature-timestamp-invalid", "Invalid timestamp",
                    TIMESTAMP_HEADER + " must be unix time in whole seconds.");
        }
        Instant now = clock.instant();
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw refused("signature-expired", "Timestamp outside the window", "The request's timestamp is more than "
                    + WINDOW.toSeconds() + " s away from the server's time (" + now.getEpochSecond()
                    + "); check the clock and sign again.");
        }
        String signature = signatureHeader.strip();
        if (signature.startsWith("sha256=")) {
            signature = signature.substring(7);
        }
        Cached cached = lookup(installationKey.strip());
        PluginCaller caller = cached.caller().orElseThrow(() -> refused("installation-unknown", "Unknown installation",
                "No plugin installation " + installationKey.strip() + " is registered; register it first."));
        String expected = TelemetryProof.requestSignature(caller.secret(), timestamp.strip(), body);
        if (signature.length() != 64 || !ConstantTime.equal(expected, signature.toLowerCase())) {
            throw refused("signature-invalid", "Invalid signature",
                    "The signature does not match the installation secret, the timestamp and the body as sent.");
        }
        if (!caller.active()) {
            throw refused("installation-revoked", "Installation revoked",
                    "This installation was revoked; register it again from a signed-in plugin.");
        }
        callers.requireActive(caller.userId()); // checked on every request: the cache may predate a suspension
        long nanos = System.nanoTime();
        boolean recordSeen = false;
        synchronized (cached.lastSeenWritten()) {
            if (nanos - cached.lastSeenWritten()[0] > SEEN_EVERY_NANOS) {
                cached.lastSeenWritten()[0] = nanos;
                recordSeen = true;
            }
        }
        return new Verified(caller, signature.toLowerCase(), recordSeen);
    }

    private Cached lookup(String key) {
        long nanos = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached == null || nanos - cached.loadedAt() > CACHE_NANOS) {
            long seen = cached == null ? nanos - SEEN_EVERY_NANOS - 1 : cached.lastSeenWritten()[0];
            cached = new Cached(installations.credentials(key), nanos, new long[] {seen});
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(key, cached);
        }
        return cached;
    }

    /** Drops a cached installation after it changed (new secret, revoked). */
    public void forget(String installationKey) {
        cache.remove(installationKey);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static UnauthenticatedException refused(String slug, String title, String detail) {
        return new UnauthenticatedException(slug, title, detail);
    }

}
