package io.paddock.transfers.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.paddock.transfers.control.JobChanged;
import io.paddock.transfers.control.TransferFeed;

/**
 * The event streams write on their own threads: delivering a committed event never waits for a client,
 * a stream whose client stops taking events is closed once its buffer is full, and the others get
 * every event in order.
 */
class EventStreamsTest {

    /** The feed's listeners, called as the feed calls them on the committing thread. */
    static final class Feed extends TransferFeed {
        final List<Consumer<JobChanged>> sinks = new CopyOnWriteArrayList<>();

        @Override
        public Listener listen(UUID ownerId, Consumer<JobChanged> sink) {
            sinks.add(sink);
            return super.listen(ownerId, sink);
        }

        void commit(JobChanged event) {
            sinks.forEach(sink -> sink.accept(event));
        }
    }

    /** A client: records what it was sent; a stuck one blocks in its first send until released. */
    static final class Client implements SseEventSink {
        final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        final CountDownLatch release;
        final CountDownLatch sending = new CountDownLatch(1);
        volatile boolean closed;

        Client(boolean stuck) {
            release = new CountDownLatch(stuck ? 1 : 0);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletableFuture<?> send(OutboundSseEvent event) {
            sending.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(((Fields) Proxy.getInvocationHandler(event)).values);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** An OutboundSseEvent (and its builder) that only keeps its id, name, data and comment. */
    static final class Fields implements java.lang.reflect.InvocationHandler {
        final Map<String, String> values = new HashMap<>();

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
            switch (method.getName()) {
                case "id", "name", "comment" -> values.put(method.getName(), (String) args[0]);
                case "data" -> values.put("data", String.valueOf(args[args.length - 1]));
                case "build" -> {
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {OutboundSseEvent.class}, this);
                }
                default -> {
                    return method.getReturnType() == boolean.class ? false : null;
                }
            }
            return proxy;
        }
    }

    final Sse sse = (Sse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Sse.class},
            (proxy, method, args) -> Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {OutboundSseEvent.Builder.class}, new Fields()));
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final Feed feed = new Feed();
    final EventStreams streams = new EventStreams();
    final List<Client> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        streams.feed = feed;
        streams.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> method.invoke(timers, args));
        streams.threads = (ManagedThreadFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedThreadFactory.class},
                (proxy, method, args) -> "newThread".equals(method.getName()) ? new Thread((Runnable) args[0])
                        : method.invoke(Executors.defaultThreadFactory(), args));
        streams.init();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(c -> c.release.countDown());
        streams.close();
        timers.shutdownNow();
    }

    Client open(UUID owner, boolean stuck) {
        Client client = new Client(stuck);
        clients.add(client);
        streams.open(owner, null, -1, client, sse);
        return client;
    }

    @Test
    @Timeout(60) // delivering must never wait for a client: a blocked delivery would hang here
    void aStuckClientIsClosedOnceItsBufferIsFullAndTheOthersGetEverything() throws Exception {
        UUID owner = UUID.randomUUID();
        Client stuck = open(owner, true);
        Client fine = open(owner, false);
        commit(owner, 1);
        assertTrue(stuck.sending.await(30, TimeUnit.SECONDS), "the stuck client's writer is blocked in a send");
        int total = EventStreams.BUFFER + 50;
        for (int id = 2; id <= total; id++) {
            commit(owner, id);
            // A healthy client keeps up, however busy the machine: never let it fall half a buffer behind.
            while (fine.received.size() < id - EventStreams.BUFFER / 2) {
                Thread.sleep(1);
            }
        }
        assertEquals(1, streams.open(), "the stuck stream stopped listening once its buffer was full");
        while (!stuck.closed) {
            Thread.sleep(20); // its sink is closed by a writer thread, not by the delivering one
        }
        while (fine.received.size() < total) {
            Thread.sleep(20);
        }
        for (int i = 0; i < total; i++) {
            assertEquals(Integer.toString(i + 1), fine.received.get(i).get("id"));
            assertEquals("progress", fine.received.get(i).get("name"));
        }
        assertTrue(!fine.closed);
        assertTrue(stuck.received.size() <= 1, "the stuck client got at most the event it was stuck on");
    }

    void commit(UUID owner, long id) {
        feed.commit(new JobChanged(id, owner, UUID.randomUUID(), "progress", "{\"n\":" + id + "}"));
    }
}
