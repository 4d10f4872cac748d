package io.paddock.platform.websocket;

/**
 * Where a live surface publishes what happened on a channel, separate from who receives it. The
 * one implementation today, {@link LocalBroadcasts}, hands each broadcast to this node's
 * {@link ChannelHub}; publishers never talk to sessions themselves.
 */
public interface Broadcasts {

    void publish(Broadcast broadcast);

    /** Every subscriber gets {@code message}, after the channel's earlier messages. */
    default void publish(String channel, Message message) {
        publish(new Broadcast(channel, null, message));
    }

    /** Coalesced: of the messages published under {@code key} within one tick only the latest goes out. */
    default void publish(String channel, String key, Message message) {
        publish(new Broadcast(channel, key, message));
    }
}
