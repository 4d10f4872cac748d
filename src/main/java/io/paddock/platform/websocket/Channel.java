package io.paddock.platform.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A named channel on this node: its subscribers and the messages waiting for the next flush. */
final class Channel {

    final String name;
    final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    // Guarded by this. Keyed messages under their key, others under a key of their own; a new value
    // of a key is moved to the end, so what is delivered keeps publish order.
    private final LinkedHashMap<Object, Message> pending = new LinkedHashMap<>();
    private boolean queued;
    // When the oldest message now pending was offered (System.nanoTime), and that of the last drain.
    private long pendingSince;
    private long drainedSince;

    Channel(String name) {
        this.name = name;
    }

    /** Adds a message; true when the channel must be put on the flush queue. */
    synchronized boolean offer(String key, Message message) {
        if (pending.isEmpty()) {
            pendingSince = System.nanoTime();
        }
        if (key == null) {
            pending.put(new Object(), message);
        } else {
            pending.remove(key);
            pending.put(key, message);
        }
        if (queued) {
            return false;
        }
        queued = true;
        return true;
    }

    synchronized List<Message> drain() {
        queued = false;
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Message> all = new ArrayList<>(pending.values());
        pending.clear();
        drainedSince = pendingSince;
        return all;
    }

    /** When the oldest message of the last {@link #drain} was offered (System.nanoTime). */
    synchronized long drainedSince() {
        return drainedSince;
    }

    synchronized boolean idle() {
        return subscribers.isEmpty() && pending.isEmpty();
    }
}
