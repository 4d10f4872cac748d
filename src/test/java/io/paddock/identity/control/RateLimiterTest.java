package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.identity.control.RateLimiter.Bucket;
import io.paddock.platform.errors.RateLimitedException;

/** The limits per address, per (account, address) and the per-account ceiling, at their default numbers. */
class RateLimiterTest {

    static final String ACCOUNT = "owner@example.test";

    RateLimiter cut;
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    final List<String> recorded = new ArrayList<>();
    final List<LogRecord> warnings = new ArrayList<>();
    final Logger log = Logger.getLogger(RateLimiter.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void limiter() {
        cut = new RateLimiter();
        cut.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        // No configuration: every bucket at its default.
        cut.config = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> method.getName().equals("getOptionalValue") ? Optional.empty() : null);
        cut.recorder = new RateLimitRecorder() {
            @Override
            public void record(String bucket, String subject, Instant at) {
                recorded.add(bucket + " " + subject);
            }
        };
        log.addHandler(capture);
    }

    @AfterEach
    void detach() {
        log.removeHandler(capture);
    }

    @Test
    void guessesFromOneAddressAreRefusedThereOnly() {
        for (int guess = 1; guess <= 10; guess++) {
            guess("203.0.113.1");
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> guess("203.0.113.1"));
        assertTrue(refused.retryAfterSeconds() > 0 && refused.retryAfterSeconds() <= 301, refused.getMessage());
        assertEquals(List.of("sign-in-account-ip " + ACCOUNT + " from 203.0.113.1"), recorded);
        assertDoesNotThrow(() -> guess("198.51.100.7"), "the owner's address has its own allowance");
        assertTrue(warnings.isEmpty(), "one address never meets the ceiling");
    }

    @Test
    void onlyManyAddressesMeetTheCeilingWhichIsRecordedAndLoggedOnce() {
        // One address refused again and again adds nothing to the account's ceiling.
        for (int guess = 1; guess <= 50; guess++) {
            try {
                guess("203.0.113.1");
            } catch (RateLimitedException expected) {
                // refused at its own limit
            }
        }
        for (int address = 2; address <= 10; address++) {
            for (int guess = 1; guess <= 10; guess++) {
                guess("203.0.113." + address);
            }
        }
        recorded.clear();
        assertThrows(RateLimitedException.class, () -> guess("203.0.113.11"), "the 101st guess");
        RateLimitedException owner = assertThrows(RateLimitedException.class, () -> guess("198.51.100.7"));
        assertTrue(owner.retryAfterSeconds() <= 15 * 60 + 1, owner.getMessage());
        assertEquals(List.of("sign-in-account " + ACCOUNT, "sign-in-account " + ACCOUNT), recorded);
        assertEquals(1, warnings.size(), "logged once per window");
        assertTrue(warnings.get(0).getMessage().contains(ACCOUNT), warnings.get(0).getMessage());

        now = now.plus(Duration.ofMinutes(15));
        assertDoesNotThrow(() -> guess("198.51.100.7"), "the ceiling's window ended");
    }

    @Test
    void aRightPasswordGivesItsAttemptBack() {
        for (int signIn = 1; signIn <= 500; signIn++) {
            guess("198.51.100.7");
            cut.refundAccount(Bucket.SIGN_IN_ACCOUNT_IP, Bucket.SIGN_IN_ACCOUNT, ACCOUNT, "198.51.100.7");
        }
        for (int guess = 1; guess <= 10; guess++) {
            guess("198.51.100.7");
        }
        assertThrows(RateLimitedException.class, () -> guess("198.51.100.7"));
    }

    @Test
    void endedWindowsAreForgottenEachByItsOwnLength() {
        cut.check(Bucket.SIGN_IN_IP, "203.0.113.1"); // one minute
        guess("203.0.113.1"); // five and fifteen minutes
        now = now.plus(Duration.ofMinutes(6));
        assertEquals(2, cut.evictExpired(), "the address window and the (account, address) window");
        now = now.plus(Duration.ofMinutes(10));
        assertEquals(1, cut.evictExpired(), "the account's ceiling");
    }

    private void guess(String address) {
        cut.checkAccount(Bucket.SIGN_IN_ACCOUNT_IP, Bucket.SIGN_IN_ACCOUNT, ACCOUNT, address);
    }
}
