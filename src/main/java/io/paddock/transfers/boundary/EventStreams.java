package io.paddock.transfers.boundary;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.paddock.transfers.control.JobChanged;
import io.paddock.transfers.control.JobEvents;
import io.paddock.transfers.control.TransferFeed;
import io.paddock.transfers.entity.TransferEvent;

/**
 * Server-Sent Events streams of a user's jobs (all, or one). Nothing is written on the thread that
 * delivers a committed event: a stream queues it (at most {@link #BUFFER} events) and its writer, on
 * this class's own small pool, writes the queue out, one writer per stream at a time. A stream whose
 * queue is full, or whose client takes longer than {@link #SEND_TIMEOUT_SECONDS} to take an event, is
 * closed; its client reconnects with {@code Last-Event-ID} and is sent the rest from the stored events.
 * <p>
 * A stream listens first, then (on its writer) replays the stored events after the client's
 * {@code Last-Event-ID}, then writes what was queued meanwhile, skipping what the replay sent: nothing
 * committed in between is lost or sent twice. Every event carries its stored id; a comment every 15 s
 * keeps proxies from closing the stream and finds closed clients.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());
    private static final int BATCH = 500;
    /** Events a stream may have queued; one more and the stream is closed as too slow. */
    static final int BUFFER = 256;
    static final long SEND_TIMEOUT_SECONDS = 10;
    /** Writer threads: a client whose socket blocks holds one until the write fails. */
    private static final int WRITERS = 4;

    @Inject
    TransferFeed feed;

    @Inject
    JobEvents events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private ThreadPoolExecutor writers;
    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void init() {
        writers = new ThreadPoolExecutor(WRITERS, WRITERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                threads);
        writers.allowCoreThreadTimeOut(true);
        keepAlive = scheduler.scheduleWithFixedDelay(() -> streams.forEach(Stream::ping), 15, 15, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        keepAlive.cancel(false);
        streams.forEach(Stream::close);
        writers.shutdownNow();
    }

    /** Opens a stream of the owner's events (of one job when {@code job} is not null). */
    public void open(UUID owner, UUID job, long lastEventId, SseEventSink sink, Sse sse) {
        Stream stream = new Stream(owner, job, lastEventId, sink, sse);
        streams.add(stream);
        stream.listener = feed.listen(owner, stream::offer);
        stream.schedule();
    }

    /** The number of open streams (for tests and metrics). */
    public int open() {
        return streams.size();
    }

    private final class Stream {
        final UUID owner;
        final UUID job;
        final SseEventSink sink;
        final Sse sse;
        /** Live events not written yet, oldest first; guarded by this stream. */
        final ArrayDeque<JobChanged> queue = new ArrayDeque<>();
        /** Replay the stored events after this id before anything else; -1: no replay (or done). */
        long replayAfter;
        /** Written by the writer only. */
        long lastSent;
        boolean writing;
        boolean pingDue;
        volatile boolean closed;
        volatile TransferFeed.Listener listener;

        Stream(UUID owner, UUID job, long lastEventId, SseEventSink sink, Sse sse) {
            this.owner = owner;
            this.job = job;
            this.replayAfter = lastEventId;
            this.lastSent = Math.max(0, lastEventId);
            this.sink = sink;
            this.sse = sse;
        }

        /** A committed event, on the committing thread: queued, never written here. */
        void offer(JobChanged event) {
            if (job != null && !job.equals(event.jobId())) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (queue.size() >= BUFFER) {
                    LOG.fine("Closing a job event stream that fell " + BUFFER + " events behind");
                    closeLater();
                    return;
                }
                queue.add(event);
            }
            schedule();
        }

        void ping() {
            synchronized (this) {
                pingDue = true;
            }
            schedule();
        }

        /** Starts the writer unless it runs. */
        void schedule() {
            synchronized (this) {
                if (writing || closed) {
                    return;
                }
                writing = true;
            }
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                close();
            }
        }

        private void drain() {
            try {
                if (replayAfter >= 0) {
                    replay();
                }
                while (true) {
                    JobChanged next;
                    boolean ping;
                    synchronized (this) {
                        next = queue.poll();
                        ping = next == null && pingDue;
                        pingDue = false;
                        if (closed || (next == null && !ping)) {
                            writing = false;
                            return;
                        }
                    }
                    if (next != null) {
                        send(next);
                    } else {
                        write(sse.newEventBuilder().comment("keep-alive").build());
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "A job event stream failed", e);
                close();
            }
        }

        private void replay() {
            long after = replayAfter;
            replayAfter = -1;
            List<TransferEvent> page;
            do {
                page = events.after(owner, after, BATCH);
                for (TransferEvent e : page) {
                    if (job == null || job.equals(e.jobId())) {
                        send(new JobChanged(e.id(), e.ownerId(), e.jobId(), e.type(), e.data()));
                    }
                    after = e.id();
                }
            } while (page.size() == BATCH && !closed);
        }

        private void send(JobChanged event) {
            if (closed || event.eventId() <= lastSent) {
                return;
            }
            lastSent = event.eventId();
            write(sse.newEventBuilder().id(Long.toString(event.eventId())).name(event.type()).data(event.data())
                    .build());
        }

        private void write(OutboundSseEvent out) {
            if (closed) {
                return;
            }
            if (sink.isClosed()) {
                close();
                return;
            }
            try {
                sink.send(out).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            } catch (ExecutionException | TimeoutException e) {
                close();
            }
        }

        /** Closes from a thread that must not wait for the client: the sink is closed by a writer. */
        private void closeLater() {
            stopListening();
            try {
                writers.execute(this::close);
            } catch (RejectedExecutionException e) {
                close();
            }
        }

        private void stopListening() {
            closed = true;
            streams.remove(this);
            TransferFeed.Listener l = listener;
            if (l != null) {
                feed.stop(l);
            }
        }

        void close() {
            stopListening();
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already closed by the client
            }
        }
    }
}
