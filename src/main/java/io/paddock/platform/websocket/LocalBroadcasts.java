package io.paddock.platform.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * Publishing on one node: a broadcast goes to this node's subscribers of its channel at the hub's
 * next flush.
 *
 * <p>Running several nodes, {@link ClusterBroadcasts} takes its place ({@link BroadcastsSelection}):
 * a change is published once, cluster-wide, and every node's topic listener calls
 * {@link ChannelHub#enqueue} with it, so each node delivers to its own sessions exactly as here.
 */
@ApplicationScoped
@Typed(LocalBroadcasts.class)
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
