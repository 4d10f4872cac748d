package io.paddock.platform.websocket;

import java.io.Serializable;
import java.util.Objects;

/**
 * What happened on a channel: a message for every subscriber of {@code channel}. With a {@code key},
 * the message replaces one of the same key still waiting for the tick (latest value wins); without
 * one, every message is delivered. Plain serializable values, so it can be published cluster-wide.
 */
public record Broadcast(String channel, String key, Message message) implements Serializable {

    public Broadcast {
        Objects.requireNonNull(channel, "A broadcast needs a channel.");
        Objects.requireNonNull(message, "A broadcast needs a message.");
    }
}
