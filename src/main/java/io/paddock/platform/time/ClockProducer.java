package io.paddock.platform.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Every time-dependent rule asks for an injected {@link Clock} instead of calling {@code now()},
 * so tests replace it with an alternative and move time without sleeping.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    public Clock systemClock() {
        return Clock.systemUTC();
    }
}
