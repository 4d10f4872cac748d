package io.paddock.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.cluster.SharedCounts;
import io.paddock.platform.errors.RateLimitedException;

/**
 * Fixed-window request limits on the abuse-prone endpoints (sign-in, register, password reset, token
 * exchange), per IP address, per account at one address, and per account over all addresses. Counters
 * live in this node's memory, or, in a cluster, in the data grid ({@link SharedCounts}), so every node
 * counts against the same allowance; every refusal is recorded in {@code rate_limit_logs}. Each limit is configurable as
 * {@code paddock.rate-limit.<bucket>=<count>/<ISO-8601 duration>}.
 *
 * <p>Attempts on an account are limited per (account, address) so that someone guessing elsewhere
 * cannot lock the owner out; the per-account ceiling is set above what any one address can reach, so
 * only guessing spread over many addresses meets it, and meeting it logs a warning once per window.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

    /** The limits and their defaults. */
    public enum Bucket {
        SIGN_IN_IP("sign-in-ip", 20, Duration.ofMinutes(1), false),
        /** Password attempts on one account from one address; a right password gives its attempt back. */
        SIGN_IN_ACCOUNT_IP("sign-in-account-ip", 10, Duration.ofMinutes(5), false),
        /** Password attempts on one account from all addresses together: the distributed-guessing ceiling. */
        SIGN_IN_ACCOUNT("sign-in-account", 100, Duration.ofMinutes(15), true),
        REGISTER_IP("register-ip", 10, Duration.ofMinutes(10), false),
        RESET_IP("reset-ip", 10, Duration.ofMinutes(15), false),
        /** Reset and verification mails asked for one address (email) from one client address. */
        RESET_ACCOUNT_IP("reset-account-ip", 3, Duration.ofMinutes(15), false),
        /** Reset and verification mails asked for one address (email) from all client addresses together. */
        RESET_ACCOUNT("reset-account", 10, Duration.ofMinutes(15), true),
        TOKEN_IP("token-ip", 30, Duration.ofMinutes(1), false);

        final String key;
        final int defaultMax;
        final Duration defaultWindow;
        final boolean ceiling;

        Bucket(String key, int defaultMax, Duration defaultWindow, boolean ceiling) {
            this.key = key;
            this.defaultMax = defaultMax;
            this.defaultWindow = defaultWindow;
            this.ceiling = ceiling;
        }

        public String key() {
            return key;
        }
    }

    private record Limit(int max, Duration window) {
    }

    private static final class Window {
        final Instant start;
        final Instant end;
        int count;

        Window(Instant start, Duration length) {
            this.start = start;
            this.end = start.plus(length);
        }
    }

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Inject
    RateLimitRecorder recorder;

    @Inject
    Cluster cluster;

    @Inject
    SharedCounts shared;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one request; refuses it with 429 and {@code Retry-After} when over the limit. */
    public void check(Bucket bucket, String subject) {
        Limit limit = limitOf(bucket);
        Instant now = clock.instant();
        int[] count = new int[1];
        Instant end;
        if (clustered()) {
            SharedCounts.Window window = shared.hit(key(bucket, subject), now, limit.window());
            count[0] = window.count();
            end = window.end();
        } else {
            end = windows.compute(key(bucket, subject), (k, current) -> {
                Window w = current == null || !now.isBefore(current.end) ? new Window(now, limit.window()) : current;
                count[0] = ++w.count;
                return w;
            }).end;
        }
        if (count[0] > limit.max()) {
            if (bucket.ceiling && count[0] == limit.max() + 1) {
                LOG.warning(() -> "Rate limit " + bucket.key + " reached for " + subject + ": " + limit.max()
                        + " attempts within " + limit.window() + " from all addresses together (distributed guessing?);"
                        + " refused for everyone until " + end + ".");
            }
            recorder.record(bucket.key, subject, now);
            long retryAfter = Duration.between(now, end).toSeconds() + 1;
            throw new RateLimitedException("rate-limited",
                    "Too many attempts; wait " + retryAfter + " seconds before trying again.", retryAfter);
        }
    }

    /** Counts one attempt on an account from an address: against that pair, then against the account's ceiling. */
    public void checkAccount(Bucket atAddress, Bucket ceiling, String account, String address) {
        check(atAddress, pair(account, address));
        check(ceiling, account);
    }

    /** Gives back an attempt {@link #checkAccount} counted (a right password is no guess). */
    public void refundAccount(Bucket atAddress, Bucket ceiling, String account, String address) {
        refund(atAddress, pair(account, address));
        refund(ceiling, account);
    }

    private void refund(Bucket bucket, String subject) {
        Instant now = clock.instant();
        if (clustered()) {
            shared.refund(key(bucket, subject), now);
            return;
        }
        windows.computeIfPresent(key(bucket, subject), (k, w) -> {
            if (now.isBefore(w.end) && w.count > 0) {
                w.count--;
            }
            return w;
        });
    }

    /** Forgets windows that have ended, so memory stays bounded (called by the cleanup timer). */
    public int evictExpired() {
        Instant now = clock.instant();
        int before = windows.size();
        windows.values().removeIf(window -> !now.isBefore(window.end));
        return before - windows.size();
    }

    private boolean clustered() {
        return cluster != null && cluster.enabled();
    }

    private static String key(Bucket bucket, String subject) {
        return bucket.key + '|' + subject;
    }

    private static String pair(String account, String address) {
        return account + " from " + address;
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
