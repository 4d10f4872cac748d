package io.paddock.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * Replaces the application's clock in test deployments that include it: starts at the real time and
 * moves only when a test advances it, so expiry rules are tested without sleeping.
 */
@ApplicationScoped
public class MutableClock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    public Instant advance(Duration by) {
        return now.updateAndGet(current -> current.plus(by));
    }

    public Instant now() {
        return now.get();
    }

    /** Back to the real time when the server is reset for the next test class, as in a fresh server. */
    void reset(@jakarta.enterprise.event.Observes ServerReset.Done reset) {
        now.set(Instant.now());
    }

    /** The alternative that hands the application this clock instead of the system one. */
    @Alternative
    @Priority(1000)
    @ApplicationScoped
    public static class Producer {

        @jakarta.inject.Inject
        MutableClock clock;

        @Produces
        Clock clock() {
            return clock.asClock();
        }
    }

    Clock asClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
