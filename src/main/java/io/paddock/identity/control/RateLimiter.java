package io.paddock.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.paddock.platform.errors.RateLimitedException;

/**
 * Fixed-window request limits per IP address and per account on the abuse-prone endpoints
 * (sign-in, register, password reset, token exchange). Counters live in this node's memory (a
 * cluster multiplies the allowance by its size); every refusal is recorded in {@code rate_limit_logs}.
 * Each limit is configurable as {@code paddock.rate-limit.<bucket>=<count>/<ISO-8601 duration>}.
 */
@ApplicationScoped
public class RateLimiter {

    /** The limits and their defaults. */
    public enum Bucket {
        SIGN_IN_IP("sign-in-ip", 20, Duration.ofMinutes(1)),
        SIGN_IN_ACCOUNT("sign-in-account", 10, Duration.ofMinutes(5)),
        REGISTER_IP("register-ip", 10, Duration.ofMinutes(10)),
        RESET_IP("reset-ip", 10, Duration.ofMinutes(15)),
        RESET_ACCOUNT("reset-account", 3, Duration.ofMinutes(15)),
        TOKEN_IP("token-ip", 30, Duration.ofMinutes(1));

        final String key;
        final int defaultMax;
        final Duration defaultWindow;

        Bucket(String key, int defaultMax, Duration defaultWindow) {
            this.key = key;
            this.defaultMax = defaultMax;
            this.defaultWindow = defaultWindow;
        }

        public String key() {
            return key;
        }
    }

    private record Limit(int max, Duration window) {
    }

    private static final class Window {
        final Instant start;
        int count;

        Window(Instant start) {
            this.start = start;
        }
    }

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Inject
    RateLimitRecorder recorder;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one request; refuses it with 429 and {@code Retry-After} when over the limit. */
    public void check(Bucket bucket, String subject) {
        Limit limit = limitOf(bucket);
        Instant now = clock.instant();
        String key = bucket.key + '|' + subject;
        Window window = windows.compute(key, (k, current) -> {
            Window w = current == null || !now.isBefore(current.start.plus(limit.window())) ? new Window(now) : current;
            w.count++;
            return w;
        });
        if (window.count > limit.max()) {
            recorder.record(bucket.key, subject, now);
            long retryAfter = Duration.between(now, window.start.plus(limit.window())).toSeconds() + 1;
            throw new RateLimitedException("rate-limited",
                    "Too many attempts; wait " + retryAfter + " seconds before trying again.", retryAfter);
        }
    }

    /** Forgets windows that have ended, so memory stays bounded (called by the cleanup timer). */
    public int evictExpired() {
        Instant now = clock.instant();
        int before = windows.size();
        Duration longest = Duration.ofHours(1);
        windows.entrySet().removeIf(entry -> !now.isBefore(entry.getValue().start.plus(longest)));
        return before - windows.size();
    }

    private Limit limitOf(Bucket bucket) {
        return config.getOptionalValue("paddock.rate-limit." + bucket.key, String.class).map(RateLimiter::parse)
                .orElse(new Limit(bucket.defaultMax, bucket.defaultWindow));
    }

    private static Limit parse(String value) {
        String[] parts = value.split("/", 2);
        return new Limit(Integer.parseInt(parts[0].trim()), Duration.parse(parts[1].trim()));
    }
}
