package io.paddock.platform.websocket;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The hub's figures on {@code /metrics} (application scope): connected sessions and channels as
 * gauges, frames sent, messages dropped for back-pressure and sessions evicted as slow as counters,
 * and the fan-out time as a timer.
 * Until registered (unit tests) the counters count locally.
 */
final class HubMetrics {

    static final String SESSIONS = "paddock.websocket.sessions";
    static final String CHANNELS = "paddock.websocket.channels";
    static final String FRAMES_SENT = "paddock.websocket.frames.sent";
    static final String DROPPED = "paddock.websocket.dropped";
    static final String EVICTED = "paddock.websocket.evicted";
    static final String FANOUT = "paddock.websocket.fanout";

    volatile Counter framesSent = new Local();
    volatile Counter dropped = new Local();
    volatile Counter evicted = new Local();
    /** Oldest message of a flushed channel: from being queued on this node to its frame handed to the last subscriber. */
    volatile Consumer<Duration> fanout = d -> {
    };

    void register(MetricRegistry registry, Supplier<Integer> sessions, Supplier<Integer> channels) {
        registry.gauge(Metadata.builder().withName(SESSIONS)
                .withDescription("WebSocket sessions connected to this node's hub").build(), sessions);
        registry.gauge(Metadata.builder().withName(CHANNELS)
                .withDescription("WebSocket channels with a subscriber on this node").build(), channels);
        framesSent = registry.counter(Metadata.builder().withName(FRAMES_SENT).withUnit(MetricUnits.NONE)
                .withDescription("Broadcast frames handed to sockets").build());
        dropped = registry.counter(Metadata.builder().withName(DROPPED)
                .withDescription("Sends skipped because the session had too many in flight").build());
        evicted = registry.counter(Metadata.builder().withName(EVICTED)
                .withDescription("Sessions closed for staying behind (1008 too slow)").build());
        Timer timer = registry.timer(Metadata.builder().withName(FANOUT).withUnit(MetricUnits.NANOSECONDS)
                .withDescription("From a message queued on this node to its frame handed to the channel's last "
                        + "local subscriber (oldest message of each flushed channel)").build());
        fanout = timer::update;
    }

    /** A counter before (or without) a registry. */
    static final class Local implements Counter {
        private final LongAdder count = new LongAdder();

        @Override
        public void inc() {
            count.increment();
        }

        @Override
        public void inc(long n) {
            count.add(n);
        }

        @Override
        public long getCount() {
            return count.sum();
        }
    }
}
