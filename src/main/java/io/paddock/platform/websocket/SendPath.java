package io.paddock.platform.websocket;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.Session;

/**
 * Everything that makes writing to many WebSockets cheap on Payara (Tyrus on Grizzly), in one place.
 * Each measure stands on its own and falls back to the standard API when Tyrus is not what it
 * expects; none changes what a client receives.
 */
final class SendPath {

    private static final Logger LOG = Logger.getLogger(SendPath.class.getName());

    /**
     * Empty context class loader. Payara wraps asynchronous work started from a thread whose context
     * class loader is the application's in a task that first captures the application's context
     * (naming, security, class loader), which looks up {@code META-INF/services} entries across the
     * whole class path, on every send. A send started from a thread whose context loader finds
     * nothing skips that capture; the sending code needs no application context (it writes bytes).
     */
    private static final ClassLoader EMPTY_LOADER = new ClassLoader(null) {
    };

    /** Below this many subscribers per extra thread, a channel is written by the flushing thread alone. */
    static final int FAN_OUT_CHUNK = 200;

    private static volatile Field socketField;
    private static volatile Method sendRaw;
    private static volatile boolean rawUnavailable;
    private static volatile Field timerField;
    private static volatile boolean timerUnavailable;
    private volatile Object lightenedContainer;
    private volatile boolean containerUnavailable;

    private final ExecutorService senders;
    private final int sendThreads;
    private final ScheduledExecutorService idleTimers;

    /**
     * @param senders     extra threads for large channels, or null
     * @param sendThreads how many threads a large channel is split over (the caller's included)
     * @param idleTimers  the scheduler sessions' idle-timeout tasks move to, or null to leave them
     */
    SendPath(ExecutorService senders, int sendThreads, ScheduledExecutorService idleTimers) {
        this.senders = senders;
        this.sendThreads = Math.max(1, sendThreads);
        this.idleTimers = idleTimers;
    }

    /** Runs {@code work} with the empty context class loader (see {@link #EMPTY_LOADER}). */
    static void withEmptyLoader(Runnable work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EMPTY_LOADER);
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    // --- frames written once -----------------------------------------------------------------

    /**
     * A final, unmasked text frame (as a server sends it) carrying {@code text}: built once per
     * message and written as it is to every socket. Through the standard API each {@code sendText}
     * encodes the text to UTF-8 again, builds a frame and re-arms the session's idle timer; on Payara
     * that made a 3 KB message cost ~100 µs per socket, so 1,000 subscribers took most of a tick.
     * (Tyrus's own {@code broadcast} uses the same technique but reaches every session of an
     * endpoint, not one channel.)
     */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int header = n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) 0x81;
        if (n <= 125) {
            frame[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, n);
        return frame;
    }

    /**
     * The Tyrus socket that frames from {@link #textFrame} can be written to, or null when frames must
     * go through the standard API. Tyrus keeps it in a package-private field {@code webSocket} of its
     * remote endpoints, and the socket's {@code sendRawFrame(ByteBuffer)} is public. A session that
     * negotiated an extension (compression) needs per-session encoding, so it gets null too.
     */
    static Object rawSocketOf(Session session) {
        if (rawUnavailable || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        try {
            Object remote = session.getAsyncRemote();
            Field field = socketField;
            if (field == null || !field.getDeclaringClass().isInstance(remote)) {
                field = null;
                for (Class<?> c = remote.getClass(); c != null && field == null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.getName().equals("webSocket")) {
                            f.setAccessible(true);
                            field = f;
                        }
                    }
                }
                if (field == null) {
                    return giveUpRaw(null);
                }
                socketField = field;
            }
            Object socket = field.get(remote);
            if (socket == null) {
                return null;
            }
            Method method = sendRaw;
            if (method == null || !method.getDeclaringClass().isInstance(socket)) {
                sendRaw = socket.getClass().getMethod("sendRawFrame", ByteBuffer.class);
            }
            return socket;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return giveUpRaw(e);
        }
    }

    /** Writes a frame from {@link #textFrame}; the future completes when it is written. */
    static Future<?> writeRaw(Object socket, byte[] frame) {
        try {
            return (Future<?>) sendRaw.invoke(socket, ByteBuffer.wrap(frame));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object giveUpRaw(Exception e) {
        rawUnavailable = true;
        LOG.log(Level.INFO, "WebSocket broadcasts use the standard API (no Tyrus socket found)", e);
        return null;
    }

    // --- idle timers -------------------------------------------------------------------------

    /**
     * Moves the session's idle-timeout task to a plain scheduler. Tyrus re-arms that task on every
     * frame sent or received, on the scheduler its container hands it; on Payara that is the default
     * managed scheduled executor, and each of its tasks captures the application's context by
     * scanning {@code META-INF/services} across the class path: under a load of a few thousand frames
     * per second that was ~15 % of the server's CPU. Disabling that executor breaks deployment, so
     * each session gets a plain scheduler instead (same tasks, same timeouts, no context capture).
     * Tyrus keeps it in a private field {@code service}; without that field nothing changes.
     */
    void lightenIdleTimer(Session session) {
        if (timerUnavailable || idleTimers == null) {
            return;
        }
        try {
            lightenContainer(session.getContainer());
        } catch (UnsupportedOperationException noContainer) {
            // A session of no container (tests' stand-ins): only the session's own timer moves.
        }
        try {
            Field field = timerField;
            if (field == null || !field.getDeclaringClass().isInstance(session)) {
                field = null;
                for (Class<?> c = session.getClass(); c != null && field == null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.getName().equals("service") && f.getType() == ScheduledExecutorService.class) {
                            f.setAccessible(true);
                            field = f;
                        }
                    }
                }
                if (field == null) {
                    timerUnavailable = true;
                    LOG.info("WebSocket sessions keep the container's idle-timeout scheduler (no Tyrus field found)");
                    return;
                }
                timerField = field;
            }
            field.set(session, idleTimers);
        } catch (ReflectiveOperationException | RuntimeException e) {
            timerUnavailable = true;
            LOG.log(Level.INFO, "WebSocket sessions keep the container's idle-timeout scheduler", e);
        }
    }

    /**
     * Hands the container's later sessions the plain scheduler from their start: Tyrus arms the idle
     * task once as it creates a session, before any endpoint code runs, on the scheduler its container
     * holds in a private field {@code managedScheduledExecutorService}; that one capture was ~15 % of a
     * WebSocket handshake's CPU (and ~0.2 KB kept per idle socket). Once per container; without that
     * field nothing changes and each session is still moved on its own.
     */
    private void lightenContainer(Object container) {
        if (container == null || container == lightenedContainer || containerUnavailable) {
            return;
        }
        synchronized (this) {
            if (container == lightenedContainer) {
                return;
            }
            try {
                for (Class<?> c = container.getClass(); c != null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.getName().equals("managedScheduledExecutorService")
                                && f.getType() == ScheduledExecutorService.class) {
                            f.setAccessible(true);
                            if (f.get(container) != null) {
                                f.set(container, idleTimers);
                            }
                            lightenedContainer = container;
                            return;
                        }
                    }
                }
                containerUnavailable = true;
                LOG.info("WebSocket sessions start on the container's idle-timeout scheduler (no Tyrus field found)");
            } catch (ReflectiveOperationException | RuntimeException e) {
                containerUnavailable = true;
                LOG.log(Level.INFO, "WebSocket sessions start on the container's idle-timeout scheduler", e);
            }
        }
    }

    // --- large channels on several threads ---------------------------------------------------

    /**
     * Runs {@code send} for every subscriber and returns the sum of what it answers. A large channel
     * is split over the calling thread and up to {@code sendThreads − 1} sender threads: a write
     * costs tens of microseconds on Payara, so one thread serving 1,000 sockets would make the last
     * one wait most of a tick. Returns when every subscriber is served, so a subscriber's frames keep
     * their order from one flush to the next.
     */
    int fanOut(List<Subscriber> all, ToIntFunction<Subscriber> send) {
        int parts = senders == null ? 1 : Math.min(sendThreads, 1 + all.size() / FAN_OUT_CHUNK);
        if (parts <= 1) {
            return sendEach(all, send);
        }
        int size = (all.size() + parts - 1) / parts;
        List<Future<Integer>> pending = new ArrayList<>(parts - 1);
        for (int from = size; from < all.size(); from += size) {
            List<Subscriber> chunk = all.subList(from, Math.min(all.size(), from + size));
            pending.add(senders.submit(() -> {
                int[] sent = new int[1];
                withEmptyLoader(() -> sent[0] = sendEach(chunk, send));
                return sent[0];
            }));
        }
        int sent = sendEach(all.subList(0, size), send);
        for (Future<Integer> f : pending) {
            try {
                sent += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "Broadcast to part of a channel failed", e.getCause());
            }
        }
        return sent;
    }

    private static int sendEach(List<Subscriber> subscribers, ToIntFunction<Subscriber> send) {
        int sent = 0;
        for (int i = 0, n = subscribers.size(); i < n; i++) {
            sent += send.applyAsInt(subscribers.get(i));
        }
        return sent;
    }
}
