package io.paddock.platform.websocket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The WebSocket fan-out of every live surface on this node: named channels (a race room, a Discord
 * guild, a transfer job), their subscribed sessions, and delivery.
 *
 * <p>Messages reach a channel through {@link Broadcasts} and wait for the next flush (every
 * {@code paddock.websocket.tick}, or right after a module's own tick hook, see {@link #everyTick}).
 * A flush takes each channel's pending messages in publish order (a keyed message replaces the
 * earlier one of its key), encodes each message once per audience variant into a ready frame, and
 * writes the frames to every subscriber asynchronously. A subscriber with too many sends in flight
 * skips messages (counted as dropped) and is closed (1008, counted as evicted) when it stays behind;
 * nobody waits for a slow client. Keep-alive is the application's own ping/pong, not Tyrus idle
 * timeouts. What keeps this cheap on Payara is in {@link SendPath}.
 */
@ApplicationScoped
public class ChannelHub {

    private static final Logger LOG = Logger.getLogger(ChannelHub.class.getName());
    private static final long KEEP_ALIVE_SWEEP_MS = 250;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    @ConfigProperty(name = "paddock.websocket.tick", defaultValue = "PT0.05S")
    Duration tick = Duration.ofMillis(50);

    @Inject
    @ConfigProperty(name = "paddock.websocket.max-sends-in-flight", defaultValue = "64")
    int maxInFlight = 64;

    /** Broadcast frames handed straight to the connection's write queue where possible (see {@link SendPath}). */
    @Inject
    @ConfigProperty(name = "paddock.websocket.direct-writes", defaultValue = "true")
    boolean directWrites = true;

    @Inject
    @ConfigProperty(name = "paddock.websocket.send-threads")
    Optional<Integer> sendThreadsSetting;

    /** The setting's first name, from when only racing had a hub; honoured when the new one is unset. */
    @Inject
    @ConfigProperty(name = "paddock.racing.send-threads")
    Optional<Integer> formerSendThreadsSetting;

    int sendThreads = 2;

    /** The keep-alive clock; unit tests in this package move it by hand. */
    LongSupplier nanos = System::nanoTime;

    final HubMetrics metrics = new HubMetrics();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Channel> dirty = new ConcurrentLinkedQueue<>();
    private final Set<Subscriber> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Subscriber> keptAlive = ConcurrentHashMap.newKeySet();
    private final Object flushing = new Object();
    private ScheduledExecutorService scheduler;
    private ScheduledThreadPoolExecutor idleTimers;
    private ExecutorService senders;
    private SendPath sendPath = new SendPath(null, 1, null);

    @PostConstruct
    void start() {
        if (sendThreadsSetting != null && formerSendThreadsSetting != null) {
            sendThreads = sendThreadsSetting.or(() -> formerSendThreadsSetting).orElse(2);
        }
        java.util.concurrent.ThreadFactory factory = threads == null ? Executors.defaultThreadFactory() : threads;
        scheduler = Executors.newScheduledThreadPool(1, factory);
        idleTimers = new ScheduledThreadPoolExecutor(1, factory);
        idleTimers.setRemoveOnCancelPolicy(true);
        if (sendThreads > 1) {
            senders = Executors.newFixedThreadPool(sendThreads - 1, factory);
        }
        sendPath = new SendPath(senders, sendThreads, idleTimers);
        long tickMs = clampTick(tick);
        scheduler.scheduleAtFixedRate(this::flushQuietly, tickMs, tickMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE_SWEEP_MS, KEEP_ALIVE_SWEEP_MS,
                TimeUnit.MILLISECONDS);
        if (registries != null && registries.isResolvable()) {
            metrics.register(registries.get(), sessions::size, channels::size);
        }
    }

    /** Created at startup, so its metrics are on {@code /metrics} before the first socket opens. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Being called creates the bean; nothing else to do.
    }

    @PreDestroy
    void stop() {
        for (ExecutorService pool : new ExecutorService[] {scheduler, idleTimers, senders}) {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** A tick between 10 and 250 ms, in milliseconds. */
    static long clampTick(Duration tick) {
        return Math.max(10, Math.min(250, tick.toMillis()));
    }

    /**
     * Runs {@code hook} at a fixed rate of {@code period} (10–250 ms) and flushes right after it, so
     * what the hook publishes goes out in the same tick. Hooks and flushes share one thread: they
     * never overlap. A module whose state is merged per tick (a race room) publishes from its hook.
     */
    public ScheduledFuture<?> everyTick(Duration period, Runnable hook) {
        long ms = clampTick(period);
        return scheduler.scheduleAtFixedRate(() -> {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A WebSocket tick hook failed", e);
            }
            flushQuietly();
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay} on the hub's scheduler (short work only). */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // --- sessions and channels ----------------------------------------------------------------

    /** A new socket, with the hub's bound on sends in flight. */
    public Subscriber connect(Session session) {
        return connect(session, maxInFlight);
    }

    /** A new socket that may have {@code maxInFlight} sends pending before it skips messages. */
    public Subscriber connect(Session session, int maxInFlight) {
        sendPath.lightenIdleTimer(session);
        Object raw = SendPath.rawSocketOf(session);
        SendPath.Direct direct = directWrites ? SendPath.directOf(raw) : null;
        Subscriber subscriber = new Subscriber(session, Math.max(1, maxInFlight), raw, direct);
        if (direct != null) {
            direct.owner = subscriber;
        }
        java.security.Principal principal = session.getUserPrincipal();
        if (principal != null) {
            subscriber.owner(principal.getName());
        }
        sessions.add(subscriber);
        return subscriber;
    }

    /**
     * Closes every socket on this node whose {@link Subscriber#owner} is {@code owner} (a user whose
     * credentials were withdrawn); answers how many.
     */
    public int closeOwnedBy(String owner, int code, String reason) {
        int closed = 0;
        for (Subscriber subscriber : sessions) {
            if (owner.equals(subscriber.owner())) {
                close(subscriber.session, code, reason);
                closed++;
            }
        }
        return closed;
    }

    /** The socket closed: it leaves every channel and its keep-alive ends. */
    public void disconnect(Subscriber subscriber) {
        sessions.remove(subscriber);
        keptAlive.remove(subscriber);
        for (Channel channel : subscriber.channels) {
            unsubscribe(channel.name, subscriber);
        }
    }

    /**
     * Subscribes a socket whose first frame must be one it is about to be sent (a snapshot read after
     * subscribing, so that nothing published meanwhile is missed): the channel's frames for it are held
     * back, in order, until {@link #release} hands that frame over. Held frames count against its
     * sends in flight; beyond them it skips messages as a slow socket does.
     */
    public void subscribeHeld(String channel, Subscriber subscriber) {
        synchronized (subscriber) {
            if (subscriber.held == null) {
                subscriber.held = new java.util.ArrayList<>();
            }
        }
        subscribe(channel, subscriber);
    }

    /**
     * Sends {@code first} to the subscriber, then the frames held back for it (see
     * {@link #subscribeHeld}), on the same path as broadcasts, so nothing published reaches it before
     * {@code first}. On a subscriber that holds nothing back it is a send on the broadcast path.
     */
    public void release(Subscriber subscriber, String first) {
        synchronized (subscriber) {
            List<Message.Outgoing> held = subscriber.held;
            int sent = deliver(subscriber, Message.Outgoing.of(first));
            if (held != null) {
                for (Message.Outgoing out : held) {
                    sent += deliver(subscriber, out);
                }
            }
            // Only now may a flush write to it directly (until here it waits for this lock).
            subscriber.held = null;
            metrics.framesSent.inc(sent);
        }
    }

    public void subscribe(String channel, Subscriber subscriber) {
        channels.compute(channel, (name, c) -> {
            Channel kept = c == null ? new Channel(name) : c;
            kept.subscribers.add(subscriber);
            subscriber.channels.add(kept);
            return kept;
        });
    }

    public void unsubscribe(String channel, Subscriber subscriber) {
        channels.computeIfPresent(channel, (name, c) -> {
            c.subscribers.remove(subscriber);
            subscriber.channels.remove(c);
            return c.idle() ? null : c;
        });
    }

    /** How many sessions of this node subscribe to {@code channel}. */
    public int subscribers(String channel) {
        Channel c = channels.get(channel);
        return c == null ? 0 : c.subscribers.size();
    }

    // --- delivery -----------------------------------------------------------------------------

    /**
     * Queues a broadcast for this node's subscribers of its channel (a channel without any is
     * skipped): what {@link LocalBroadcasts} and, in a cluster, a topic listener call.
     */
    public void enqueue(Broadcast broadcast) {
        Channel channel = channels.get(broadcast.channel());
        if (channel != null && channel.offer(broadcast.key(), broadcast.message())) {
            dirty.add(channel);
        }
    }

    /** Delivers every pending message now, channel by channel, each in publish order. */
    public void flush() {
        synchronized (flushing) {
            SendPath.withEmptyLoader(this::flushChannels);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "WebSocket flush failed", e);
        }
    }

    private void flushChannels() {
        for (Channel channel = dirty.poll(); channel != null; channel = dirty.poll()) {
            List<Message> messages = channel.drain();
            if (messages.isEmpty()) {
                continue;
            }
            List<Subscriber> subscribers = List.copyOf(channel.subscribers);
            if (subscribers.isEmpty()) {
                channels.computeIfPresent(channel.name, (name, c) -> c.idle() ? null : c);
                continue;
            }
            int sent;
            if (messages.size() == 1) {
                Message only = messages.get(0);
                sent = sendPath.fanOut(subscribers, s -> sendFrame(s, only.outgoing(s.audience())));
            } else {
                sent = sendPath.fanOut(subscribers, s -> {
                    int n = 0;
                    for (int i = 0, size = messages.size(); i < size; i++) {
                        n += sendFrame(s, messages.get(i).outgoing(s.audience()));
                    }
                    return n;
                });
            }
            metrics.framesSent.inc(sent);
            metrics.fanout.accept(Duration.ofNanos(System.nanoTime() - channel.drainedSince()));
        }
    }

    /**
     * Writes a broadcast frame: as it is when the subscriber's socket allows it (see
     * {@link SendPath#rawSocketOf}), else through {@link #send}. A subscriber with
     * {@code maxInFlight} sends pending skips this message; one that skips more than 4 × that many in
     * a row without any send completing is closed (1008). Answers 1 when a frame was handed over.
     */
    int sendFrame(Subscriber subscriber, Message.Outgoing out) {
        if (subscriber.held != null) {
            synchronized (subscriber) {
                List<Message.Outgoing> held = subscriber.held;
                if (held != null) {
                    if (held.size() >= subscriber.maxInFlight) {
                        skip(subscriber);
                    } else {
                        held.add(out);
                    }
                    return 0;
                }
            }
        }
        return deliver(subscriber, out);
    }

    /** {@link #sendFrame} without the hold-back. */
    private int deliver(Subscriber subscriber, Message.Outgoing out) {
        Object socket = subscriber.rawSocket;
        if (socket == null) {
            return send(subscriber, out.text()) ? 1 : 0;
        }
        Session session = subscriber.session;
        if (!session.isOpen()) {
            return 0;
        }
        SendPath.Direct direct = subscriber.direct;
        if (direct != null && direct.failed) {
            close(session, 1011, "send failed");
            return 0;
        }
        for (Future<?> f = subscriber.rawPending.peek(); f != null && f.isDone(); f = subscriber.rawPending.peek()) {
            subscriber.rawPending.poll();
            try {
                f.get();
                subscriber.skipped = 0;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                close(session, 1011, "send failed");
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        if (subscriber.pending() >= subscriber.maxInFlight) {
            skip(subscriber);
            return 0;
        }
        try {
            if (direct == null || !SendPath.writeDirect(direct, out.frame())) {
                subscriber.rawPending.add(SendPath.writeRaw(socket, out.frame()));
            }
            return 1;
        } catch (RuntimeException e) {
            close(session, 1011, "send failed");
            return 0;
        }
    }

    /**
     * Sends one text to one subscriber now (a reply, a snapshot on connect): asynchronous and under the
     * same bound as broadcasts. False when it was skipped or the socket is closed.
     */
    public boolean send(Subscriber subscriber, String text) {
        Session session = subscriber.session;
        if (!session.isOpen()) {
            return false;
        }
        if (subscriber.pending() >= subscriber.maxInFlight) {
            skip(subscriber);
            return false;
        }
        subscriber.inFlight.incrementAndGet();
        try {
            session.getAsyncRemote().sendText(text, result -> {
                subscriber.inFlight.decrementAndGet();
                if (result.isOK()) {
                    subscriber.skipped = 0;
                } else {
                    close(session, 1011, "send failed");
                }
            });
            return true;
        } catch (RuntimeException e) {
            subscriber.inFlight.decrementAndGet();
            close(session, 1011, "send failed");
            return false;
        }
    }

    private void skip(Subscriber subscriber) {
        metrics.dropped.inc();
        if (++subscriber.skipped > subscriber.maxInFlight * 4 && subscriber.session.isOpen()) {
            metrics.evicted.inc();
            close(subscriber.session, 1008, "too slow");
        }
    }

    // --- keep-alive ---------------------------------------------------------------------------

    /**
     * From now on the subscriber gets {@code ping} every {@code interval} and is closed (1001
     * {@code no pong}) when it has not answered ({@link #pong}) for 2.5 intervals. This is the
     * application's liveness: Tyrus idle timeouts are not used, because on Payara every frame
     * re-arms them at a cost (see {@link SendPath#lightenIdleTimer}).
     */
    public void keepAlive(Subscriber subscriber, Message ping, Duration interval) {
        long now = nanos.getAsLong();
        subscriber.pingEveryNanos = Math.max(1, interval.toNanos());
        subscriber.lastPong = now;
        subscriber.nextPing = now + subscriber.pingEveryNanos;
        subscriber.ping = ping;
        keptAlive.add(subscriber);
    }

    /** The subscriber answered a ping (any answer counts). */
    public void pong(Subscriber subscriber) {
        subscriber.lastPong = nanos.getAsLong();
    }

    /** Pings who is due and closes who stopped answering (every 250 ms on the hub's scheduler). */
    void keepAlive() {
        long now = nanos.getAsLong();
        for (Subscriber s : keptAlive) {
            if (!s.open()) {
                keptAlive.remove(s);
            } else if (now - s.lastPong > s.pingEveryNanos * 5 / 2) {
                keptAlive.remove(s);
                close(s.session, 1001, "no pong");
            } else if (now - s.nextPing >= 0) {
                s.nextPing = now + s.pingEveryNanos;
                send(s, s.ping.text());
            }
        }
    }

    /** Closes a session with a code and reason, ignoring one that is already closed or failing. */
    public static void close(Session session, int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close failed", e);
        }
    }
}
