package io.paddock.platform.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Publishing on one node: a broadcast goes to this node's subscribers of its channel at the hub's
 * next flush.
 *
 * <p>Running several nodes, a change is published once, cluster-wide: a clustered implementation of
 * {@link Broadcasts} (replacing this one as the bean to inject) puts each {@link Broadcast} on a
 * Hazelcast topic of Payara's data grid, and every node's topic listener calls
 * {@link ChannelHub#enqueue} with it, so each node delivers to its own sessions exactly as here.
 * Broadcasts are plain serializable values for that reason; frames are never shipped, each node
 * encodes them once for its own subscribers.
 */
@ApplicationScoped
public class LocalBroadcasts implements Broadcasts {

    private ChannelHub hub;

    protected LocalBroadcasts() {
    }

    @Inject
    public LocalBroadcasts(ChannelHub hub) {
        this.hub = hub;
    }

    @Override
    public void publish(Broadcast broadcast) {
        hub.enqueue(broadcast);
    }
}
