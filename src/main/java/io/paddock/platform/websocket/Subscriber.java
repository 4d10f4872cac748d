package io.paddock.platform.websocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.Session;

/**
 * One socket known to the {@link ChannelHub}: its channels, its audience tag, its sends in flight
 * and its keep-alive state. Endpoints hold it for the life of their connection.
 */
public final class Subscriber {

    final Session session;
    final int maxInFlight;
    /** Standard-API sends not yet completed. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Raw frames not yet written, oldest first (settled on the next send). */
    final ConcurrentLinkedQueue<Future<?>> rawPending = new ConcurrentLinkedQueue<>();
    /** Tyrus's socket for frames written as they are, or null (see {@link SendPath}). */
    final Object rawSocket;
    /** The way for those frames straight into the connection's write queue, or null (see {@link SendPath}). */
    final SendPath.Direct direct;
    final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    volatile int skipped;
    /**
     * Frames held back until the subscriber's first frame is handed over ({@link ChannelHub#release}),
     * oldest first; null when nothing is held back. Changed under this subscriber's lock.
     */
    volatile java.util.List<Message.Outgoing> held;
    private volatile String audience;
    private volatile String owner;
    // Keep-alive: null ping means none.
    volatile Message ping;
    volatile long pingEveryNanos;
    volatile long lastPong;
    volatile long nextPing;

    Subscriber(Session session, int maxInFlight, Object rawSocket, SendPath.Direct direct) {
        this.session = session;
        this.maxInFlight = maxInFlight;
        this.rawSocket = rawSocket;
        this.direct = direct;
    }

    public Session session() {
        return session;
    }

    /** The audience tag that picks this subscriber's variant of a message (null: the default text). */
    public String audience() {
        return audience;
    }

    public void audience(String audience) {
        this.audience = audience;
    }

    /**
     * Whose credential this socket acts with (a user id), or null: set from the handshake's caller, or by
     * an endpoint that authenticates with a message of its own, so withdrawn credentials close it.
     */
    public String owner() {
        return owner;
    }

    public void owner(String owner) {
        this.owner = owner;
    }

    /** Sends not yet completed, whichever way they went. */
    int pending() {
        return inFlight.get() + rawPending.size() + (direct == null ? 0 : direct.pending.get());
    }

    boolean open() {
        return session.isOpen();
    }

    @Override
    public String toString() {
        return "Subscriber " + session.getId();
    }
}
