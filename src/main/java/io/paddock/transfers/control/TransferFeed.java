package io.paddock.transfers.control;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.paddock.platform.websocket.Broadcasts;
import io.paddock.platform.websocket.Message;

/**
 * Delivers committed job events: to this node's Server-Sent Events streams of the job's owner and on
 * the owner's WebSocket channel {@code transfers:<user id>} (progress coalesced per job per tick).
 * The WebSocket message is the SSE event as JSON: {@code {"id", "type", "data"}}.
 */
@ApplicationScoped
public class TransferFeed {

    /** A live stream of one user's events; {@code sink} must not block. */
    public record Listener(UUID ownerId, Consumer<JobChanged> sink) {
    }

    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

    @Inject
    Broadcasts broadcasts;

    public static String channel(UUID ownerId) {
        return "transfers:" + ownerId;
    }

    public Listener listen(UUID ownerId, Consumer<JobChanged> sink) {
        Listener listener = new Listener(ownerId, sink);
        listeners.add(listener);
        return listener;
    }

    public void stop(Listener listener) {
        listeners.remove(listener);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanged event) {
        for (Listener listener : listeners) {
            if (listener.ownerId().equals(event.ownerId())) {
                listener.sink().accept(event);
            }
        }
        String text = "{\"id\":" + event.eventId() + ",\"type\":\"" + event.type() + "\",\"data\":" + event.data() + "}";
        String key = "progress".equals(event.type()) ? "progress:" + event.jobId() : null;
        broadcasts.publish(channel(event.ownerId()), key, Message.of(text));
    }
}
