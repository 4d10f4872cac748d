package io.paddock.platform.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.hazelcast.map.IMap;

/**
 * Fixed-window counters every node of a cluster counts in together (rate limits), in a map of the data
 * grid: a window is {start, end, count} under its key, changed by compare-and-set, and removed by the
 * grid once it has ended. Only for clustered nodes; a lone node keeps such counters in its memory.
 */
@ApplicationScoped
public class SharedCounts {

    static final String MAP = "paddock.counts";

    /** A window as counted: where it ends and how many it holds now. */
    public record Window(Instant end, int count) {
    }

    @Inject
    Cluster cluster;

    /** Counts one under {@code key}: in its running window, or in a new one of {@code length} from now. */
    public Window hit(String key, Instant now, Duration length) {
        IMap<String, long[]> windows = cluster.map(MAP);
        long at = now.toEpochMilli();
        while (true) {
            long[] current = windows.get(key);
            long[] next = current == null || at >= current[1] ? new long[] {at, at + length.toMillis(), 1}
                    : new long[] {current[0], current[1], current[2] + 1};
            boolean written = current == null ? windows.putIfAbsent(key, next) == null
                    : windows.replace(key, current, next);
            if (written) {
                windows.setTtl(key, Math.max(1, next[1] - at), TimeUnit.MILLISECONDS);
                return new Window(Instant.ofEpochMilli(next[1]), (int) next[2]);
            }
        }
    }

    /** Takes one back from {@code key}'s running window, if it has one. */
    public void refund(String key, Instant now) {
        IMap<String, long[]> windows = cluster.map(MAP);
        long at = now.toEpochMilli();
        while (true) {
            long[] current = windows.get(key);
            if (current == null || at >= current[1] || current[2] <= 0) {
                return;
            }
            if (windows.replace(key, current, new long[] {current[0], current[1], current[2] - 1})) {
                return;
            }
        }
    }
}
