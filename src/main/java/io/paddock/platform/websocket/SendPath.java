package io.paddock.platform.websocket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.WebConnection;
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

    /** Writes a frame from {@link #textFrame} through Tyrus; the future completes when it is written. */
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

    // --- frames handed straight to the connection --------------------------------------------

    /*
     * Why: on Payara a sendRawFrame goes TyrusServletWriter (synchronized) -> servlet output stream
     * write + flush -> Catalina's and Grizzly's HTTP output buffers (a copy, an HTTP content packet) ->
     * a FilterChainContext down the HTTP filter chain -> the transport's asynchronous write queue, which
     * writes to the socket at once when nothing is queued. On an upgraded plain-HTTP connection every
     * layer above the queue passes the bytes on unchanged, yet it cost about half of a frame's CPU.
     *
     * How: a Direct puts the same bytes into that same queue, holding the TyrusServletWriter's monitor
     * (which Tyrus holds while it writes and flushes into the queue), so its frames and Tyrus's own
     * (replies, pings, pongs, close frames) reach the queue in one order. It steps aside, and the frame
     * goes through Tyrus as before, whenever Tyrus has frames waiting for the socket to become writable,
     * the queue is past its bound (Tyrus then queues and waits for the socket), Tyrus is sending a
     * fragmented message or is no longer connected. A frame counts as pending until Grizzly has written
     * it to the socket (or failed: the hub then closes the socket), so a client that does not read holds
     * at most max-sends-in-flight frames in the queue before it skips and is evicted (through Tyrus a
     * frame stopped counting once queued, and the queue's own bound is megabytes). The idle-timeout
     * filter it skips is parked for an upgraded connection (its request never completes). Set up only
     * for a connection whose filters below the HTTP server filter are the known plain ones (no TLS, no
     * HTTP/2) and when every class is the shape expected; anything else, or any surprise while writing,
     * turns it off and Tyrus writes every frame.
     */

    private static final String HTTP2_FILTER = "org.glassfish.grizzly.http2.Http2ServerFilter";
    private static final String SERVER_FILTER = "org.glassfish.grizzly.http.server.HttpServerFilter";

    /**
     * Filters that may sit below Grizzly's HTTP server filter on a connection written to directly: on
     * the way out they pass an upgraded HTTP/1.1 connection's bytes on unchanged (the HTTP codec sends
     * its content as it is, the HTTP/2 filter acts on HTTP/2 connections only, checked per socket, and
     * Grizzly's own WebSocket filter only frames its own WebSockets' messages; the others do nothing).
     */
    private static final Set<String> PLAIN_FILTERS = Set.of(
            "org.glassfish.grizzly.filterchain.TransportFilter",
            "org.glassfish.grizzly.utils.IdleTimeoutFilter",
            "org.glassfish.grizzly.http.HttpServerFilter",
            "com.sun.enterprise.v3.services.impl.GlassfishNetworkListener$GlassfishHttpCodecFilter",
            HTTP2_FILTER,
            "org.glassfish.grizzly.http.server.FileCacheFilter",
            "org.glassfish.grizzly.websockets.WebSocketFilter",
            "org.glassfish.grizzly.extras.addons.WebSocketAddOnProvider$GlassfishWebSocketFilter");

    private static volatile boolean directUnavailable;
    private static volatile DirectHandles handles;

    /** A socket's way into its connection's write queue; made once per socket by {@link #directOf}. */
    static final class Direct {
        final Object socket;
        final Object protocolHandler;
        /** Tyrus's writer of this socket: its monitor orders every write to the connection. */
        final Object writer;
        /** Tyrus's frames waiting for the socket to become writable (guarded by the writer's monitor). */
        final Collection<?> waiting;
        /** Grizzly's connection (never recycled for another request, unlike the servlet objects). */
        final Object connection;
        final Object queueWriter;
        /** Frames handed to the write queue and not yet on the socket. */
        final AtomicInteger pending = new AtomicInteger();
        /** Set when Grizzly failed one of them (the hub then closes the socket). */
        volatile boolean failed;
        /** Whose run of skipped messages ends when a frame is written. */
        volatile Subscriber owner;
        /** Grizzly's completion handler for every frame of this socket (see {@link Written}). */
        Object written;

        Direct(Object socket, Object protocolHandler, Object writer, Collection<?> waiting, Object connection,
                Object queueWriter) {
            this.socket = socket;
            this.protocolHandler = protocolHandler;
            this.writer = writer;
            this.waiting = waiting;
            this.connection = connection;
            this.queueWriter = queueWriter;
        }
    }

    /**
     * Grizzly's {@code CompletionHandler} of a {@link Direct}'s frames, one per socket: it counts them
     * off as Grizzly reports them written or failed (a future per frame cost as much as the write).
     */
    private static final class Written implements InvocationHandler {
        private final Direct direct;

        Written(Direct direct) {
            this.direct = direct;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "completed" -> {
                    direct.pending.decrementAndGet();
                    Subscriber owner = direct.owner;
                    if (owner != null) {
                        owner.skipped = 0;
                    }
                }
                case "failed", "cancelled" -> {
                    direct.failed = true;
                    direct.pending.decrementAndGet();
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return "frames written to " + direct.connection;
                }
                default -> {
                    // "updated": part of a frame was written; it completes later.
                }
            }
            return null;
        }
    }

    /** What {@link Direct} needs from Tyrus and Grizzly, found once from the first socket's classes. */
    private static final class DirectHandles {
        Class<?> socketClass;
        Class<?> servletWriterClass;
        Field protocolHandler;
        Field writer;
        Field waiting;
        Field upgradeHandler;
        Method webConnection;
        Field servletBuffer;
        Field grizzlyBuffer;
        Field connection;
        Class<?> connectionClass;
        Method isBlocking;
        Method transportOf;
        Method asyncQueueIO;
        Method queueWriterOf;
        Method processorOf;
        Object idle;
        MethodHandle sendingFragment;
        MethodHandle connected;
        MethodHandle open;
        MethodHandle canWrite;
        Class<?> completion;
        MethodHandle wrap;
        MethodHandle write;
        /** Grizzly's test whether a connection speaks HTTP/2, when its HTTP/2 filter is in the chain. */
        volatile Method isHttp2;
        volatile Object checkedProcessor;
    }

    /**
     * The direct way for a Tyrus socket, or null (the socket is then written through Tyrus). Called when
     * the socket opens, on the thread that upgraded it: the servlet objects it goes through to find the
     * Grizzly connection are this socket's then (they are recycled for other requests once it closes,
     * hence the check that Tyrus still has it connected afterwards).
     */
    static Direct directOf(Object socket) {
        if (socket == null || directUnavailable) {
            return null;
        }
        try {
            DirectHandles h = handles;
            if (h == null) {
                h = findHandles(socket);
            }
            if (socket.getClass() != h.socketClass) {
                return null;
            }
            Object protocolHandler = h.protocolHandler.get(socket);
            Object writer = protocolHandler == null ? null : h.writer.get(protocolHandler);
            if (writer == null || writer.getClass() != h.servletWriterClass) {
                return null;
            }
            Collection<?> waiting = (Collection<?>) h.waiting.get(writer);
            Object upgrade = h.upgradeHandler.get(writer);
            WebConnection web = upgrade == null ? null : (WebConnection) h.webConnection.invoke(upgrade);
            Object stream = web == null ? null : web.getOutputStream();
            if (stream == null || h.servletBuffer.getDeclaringClass() != stream.getClass()) {
                return null;
            }
            Object servletBuffer = h.servletBuffer.get(stream);
            Object grizzlyBuffer = servletBuffer == null ? null : h.grizzlyBuffer.get(servletBuffer);
            Object connection = grizzlyBuffer == null ? null : h.connection.get(grizzlyBuffer);
            if (connection == null || !h.connectionClass.isInstance(connection)
                    || (boolean) h.isBlocking.invoke(connection)
                    || !(boolean) h.open.invokeExact(connection)
                    || !(boolean) h.connected.invokeExact(socket)) {
                return null;
            }
            Object processor = h.processorOf.invoke(connection);
            if (processor != h.checkedProcessor) {
                if (!plainChain(processor, h)) {
                    return giveUpDirect("the connection's filter chain is not the plain HTTP one: " + filterNames(processor),
                            null);
                }
                LOG.log(Level.FINE, "WebSocket broadcasts go straight to the write queue below {0}",
                        filterNames(processor));
                h.checkedProcessor = processor;
            }
            Method isHttp2 = h.isHttp2;
            if (isHttp2 != null && (boolean) isHttp2.invoke(null, connection)) {
                return null;
            }
            Object queueWriter = h.queueWriterOf.invoke(h.asyncQueueIO.invoke(h.transportOf.invoke(connection)));
            if (queueWriter == null) {
                return null;
            }
            Direct direct = new Direct(socket, protocolHandler, writer, waiting, connection, queueWriter);
            direct.written = Proxy.newProxyInstance(h.completion.getClassLoader(), new Class<?>[] {h.completion},
                    new Written(direct));
            return direct;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return giveUpDirect("unexpected " + e, e);
        }
    }

    private static synchronized DirectHandles findHandles(Object socket) throws ReflectiveOperationException,
            java.io.IOException {
        if (handles != null) {
            return handles;
        }
        DirectHandles h = new DirectHandles();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        h.socketClass = socket.getClass();
        h.protocolHandler = field(h.socketClass, "protocolHandler");
        if (h.protocolHandler == null) {
            throw new IllegalStateException("no protocolHandler field");
        }
        Class<?> protocolHandlerClass = h.protocolHandler.getType();
        h.writer = field(protocolHandlerClass, "writer");
        Field fragment = field(protocolHandlerClass, "sendingFragment");
        if (h.writer == null || fragment == null || !fragment.getType().isEnum()) {
            throw new IllegalStateException("no writer or sendingFragment field");
        }
        for (Object state : fragment.getType().getEnumConstants()) {
            if (((Enum<?>) state).name().equals("IDLE")) {
                h.idle = state;
            }
        }
        // The classes of this socket's own objects, by name: the jars sit in different class loaders.
        Object handler = h.protocolHandler.get(socket);
        Object writer = handler == null ? null : h.writer.get(handler);
        if (writer == null || !writer.getClass().getName().equals("org.glassfish.tyrus.servlet.TyrusServletWriter")) {
            throw new IllegalStateException("not Tyrus's servlet writer");
        }
        h.servletWriterClass = writer.getClass();
        h.waiting = field(h.servletWriterClass, "queue");
        h.upgradeHandler = field(h.servletWriterClass, "tyrusHttpUpgradeHandler");
        if (h.idle == null || h.waiting == null || !Collection.class.isAssignableFrom(h.waiting.getType())
                || h.upgradeHandler == null) {
            throw new IllegalStateException("no queue, upgrade handler or IDLE state");
        }
        // Package-private; Tyrus's own writer calls it (the handler it holds may be a proxy that delegates).
        h.webConnection = h.upgradeHandler.getType().getDeclaredMethod("getWebConnection");
        if (h.webConnection.getReturnType() != WebConnection.class) {
            throw new IllegalStateException("no WebConnection getter");
        }
        h.webConnection.setAccessible(true);
        Object upgrade = h.upgradeHandler.get(writer);
        WebConnection web = upgrade == null ? null : (WebConnection) h.webConnection.invoke(upgrade);
        Object out = web == null ? null : web.getOutputStream();
        if (out == null || !out.getClass().getName().equals("org.apache.catalina.connector.CoyoteOutputStream")) {
            throw new IllegalStateException("not Catalina's output stream: " + (out == null ? null : out.getClass()));
        }
        Class<?> stream = out.getClass();
        h.servletBuffer = field(stream, "ob");
        h.grizzlyBuffer = h.servletBuffer == null ? null : field(h.servletBuffer.getType(), "grizzlyOutputBuffer");
        h.connection = h.grizzlyBuffer == null ? null : field(h.grizzlyBuffer.getType(), "connection");
        if (h.connection == null) {
            throw new IllegalStateException("no Catalina or Grizzly output buffer field");
        }
        ClassLoader grizzly = h.connection.getType().getClassLoader();
        h.connectionClass = Class.forName("org.glassfish.grizzly.nio.NIOConnection", false, grizzly);
        Class<?> connection = Class.forName("org.glassfish.grizzly.Connection", false, grizzly);
        h.isBlocking = connection.getMethod("isBlocking");
        h.transportOf = connection.getMethod("getTransport");
        h.processorOf = connection.getMethod("getProcessor");
        Class<?> queueEnabled = Class.forName("org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport", false,
                grizzly);
        h.asyncQueueIO = queueEnabled.getMethod("getAsyncQueueIO");
        h.queueWriterOf = h.asyncQueueIO.getReturnType().getMethod("getWriter");
        Class<?> queueWriter = Class.forName("org.glassfish.grizzly.asyncqueue.AsyncQueueWriter", false, grizzly);
        Class<?> message = Class.forName("org.glassfish.grizzly.asyncqueue.WritableMessage", false, grizzly);
        Class<?> completion = Class.forName("org.glassfish.grizzly.CompletionHandler", false, grizzly);
        Class<?> cloner = Class.forName("org.glassfish.grizzly.asyncqueue.MessageCloner", false, grizzly);
        Class<?> heapBuffer = Class.forName("org.glassfish.grizzly.memory.HeapBuffer", false, grizzly);
        if (!completion.isInterface() || !message.isAssignableFrom(heapBuffer)) {
            throw new IllegalStateException("Grizzly's future or buffer classes differ");
        }
        // A plain heap buffer over the frame's bytes: Grizzly never disposes it into a pool it reuses.
        Constructor<?> heap = heapBuffer.getDeclaredConstructor(byte[].class, int.class, int.class);
        heap.setAccessible(true);
        fragment.setAccessible(true);
        MethodType objectToObject = MethodType.methodType(Object.class, Object.class);
        MethodType test = MethodType.methodType(boolean.class, Object.class);
        h.sendingFragment = lookup.unreflectGetter(fragment).asType(objectToObject);
        h.connected = lookup.unreflect(h.socketClass.getMethod("isConnected")).asType(test);
        h.open = lookup.unreflect(connection.getMethod("isOpen")).asType(test);
        h.canWrite = lookup.unreflect(connection.getMethod("canWrite")).asType(test);
        h.completion = completion;
        h.wrap = lookup.unreflectConstructor(heap)
                .asType(MethodType.methodType(Object.class, byte[].class, int.class, int.class));
        h.write = lookup.unreflect(queueWriter.getMethod("write", connection, Object.class, message, completion,
                cloner)).asType(MethodType.methodType(void.class, Object.class, Object.class, Object.class,
                        Object.class, Object.class, Object.class));
        handles = h;
        return h;
    }

    private static String filterNames(Object processor) {
        if (!(processor instanceof List<?> filters)) {
            return String.valueOf(processor);
        }
        return filters.stream().map(f -> f.getClass().getName()).toList().toString();
    }

    /** True when nothing below Grizzly's HTTP server filter rewrites bytes on their way out. */
    private static boolean plainChain(Object processor, DirectHandles h) throws ReflectiveOperationException {
        if (!(processor instanceof List<?> filters)) {
            return false;
        }
        for (Object filter : filters) {
            String name = filter.getClass().getName();
            if (name.equals(SERVER_FILTER)) {
                return true;
            }
            if (!PLAIN_FILTERS.contains(name)) {
                return false;
            }
            if (name.equals(HTTP2_FILTER) && h.isHttp2 == null) {
                Class<?> state = Class.forName("org.glassfish.grizzly.http2.Http2State", false,
                        filter.getClass().getClassLoader());
                Method isHttp2 = state.getDeclaredMethod("isHttp2", h.connection.getType());
                if (isHttp2.getReturnType() != boolean.class) {
                    return false;
                }
                isHttp2.setAccessible(true);
                h.isHttp2 = isHttp2;
            }
        }
        return false;
    }

    /**
     * Hands {@code frame} to the connection's write queue, or answers false when it must go through
     * Tyrus (see the notes above {@link #PLAIN_FILTERS}); it counts in {@link Direct#pending} until it is
     * on the socket.
     */
    static boolean writeDirect(Direct d, byte[] frame) {
        if (directUnavailable) {
            return false;
        }
        DirectHandles h = handles;
        synchronized (d.writer) {
            try {
                if (!d.waiting.isEmpty()
                        || (Object) h.sendingFragment.invokeExact(d.protocolHandler) != h.idle
                        || !(boolean) h.connected.invokeExact(d.socket)
                        || !(boolean) h.canWrite.invokeExact(d.connection)) {
                    return false;
                }
                Object buffer = h.wrap.invokeExact(frame, 0, frame.length);
                d.pending.incrementAndGet();
                h.write.invokeExact(d.queueWriter, d.connection, (Object) null, buffer, d.written, (Object) null);
                return true;
            } catch (Throwable e) {
                // Grizzly reports a closed or failing connection to the handler, it does not throw: this is
                // a surprise, so the direct way ends for every socket and this one is closed by the hub.
                d.failed = true;
                giveUpDirect("a write failed unexpectedly", e);
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                return true;
            }
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    f.setAccessible(true);
                    return f;
                }
            }
        }
        return null;
    }

    private static Direct giveUpDirect(String why, Throwable e) {
        if (!directUnavailable) {
            directUnavailable = true;
            LOG.log(Level.INFO, "WebSocket broadcasts go through Tyrus's writer (" + why + ")", e);
        }
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
