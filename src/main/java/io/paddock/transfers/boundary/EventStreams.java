package io.paddock.transfers.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
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
 * Server-Sent Events streams of a user's jobs (all, or one). A stream listens first, then replays the
 * stored events after the client's {@code Last-Event-ID} while holding live ones back, then sends the
 * held ones it has not sent: nothing committed in between is lost or sent twice. Every event carries its
 * stored id; a comment every 15 s keeps proxies from closing the stream and finds closed clients.
 */
@ApplicationScoped
public class EventStreams {

    private static final int BATCH = 500;

    @Inject
    TransferFeed feed;

    @Inject
    JobEvents events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void init() {
        keepAlive = scheduler.scheduleWithFixedDelay(() -> streams.forEach(Stream::ping), 15, 15, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        keepAlive.cancel(false);
        streams.forEach(Stream::close);
    }

    public void open(UUID owner, UUID job, long lastEventId, SseEventSink sink, Sse sse) {
        Stream stream = new Stream(job, lastEventId, sink, sse);
        streams.add(stream);
        stream.listener = feed.listen(owner, stream::offer);
        long after = lastEventId;
        if (lastEventId >= 0) {
            List<TransferEvent> page;
            do {
                page = events.after(owner, after, BATCH);
                for (TransferEvent e : page) {
                    stream.replayed(new JobChanged(e.id(), e.ownerId(), e.jobId(), e.type(), e.data()));
                    after = e.id();
                }
            } while (page.size() == BATCH && !stream.closed);
        }
        stream.live();
    }

    /** The number of open streams (for tests and metrics). */
    public int open() {
        return streams.size();
    }

    private final class Stream {
        final UUID job;
        final SseEventSink sink;
        final Sse sse;
        final List<JobChanged> held = new ArrayList<>();
        long lastSent;
        boolean replaying = true;
        volatile boolean closed;
        volatile TransferFeed.Listener listener;

        Stream(UUID job, long lastEventId, SseEventSink sink, Sse sse) {
            this.job = job;
            this.lastSent = Math.max(0, lastEventId);
            this.sink = sink;
            this.sse = sse;
        }

        synchronized void offer(JobChanged event) {
            if (replaying) {
                held.add(event);
            } else {
                send(event);
            }
        }

        synchronized void replayed(JobChanged event) {
            send(event);
        }

        synchronized void live() {
            replaying = false;
            held.forEach(this::send);
            held.clear();
        }

        private void send(JobChanged event) {
            if (closed || event.eventId() <= lastSent || (job != null && !job.equals(event.jobId()))) {
                return;
            }
            lastSent = event.eventId();
            OutboundSseEvent out = sse.newEventBuilder().id(Long.toString(event.eventId())).name(event.type())
                    .data(event.data()).build();
            write(out);
        }

        synchronized void ping() {
            if (!closed) {
                write(sse.newEventBuilder().comment("keep-alive").build());
            }
        }

        private void write(OutboundSseEvent out) {
            if (sink.isClosed()) {
                close();
                return;
            }
            sink.send(out).whenComplete((r, error) -> {
                if (error != null) {
                    close();
                }
            });
        }

        void close() {
            closed = true;
            streams.remove(this);
            TransferFeed.Listener l = listener;
            if (l != null) {
                feed.stop(l);
            }
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already closed by the client
            }
        }
    }
}
