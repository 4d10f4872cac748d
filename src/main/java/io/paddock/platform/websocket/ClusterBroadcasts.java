package io.paddock.platform.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Cluster;

/**
 * Publishing in a cluster: each broadcast goes once onto a topic of Payara's data grid, and every
 * node, this one included, hands what the topic brings to its own {@link ChannelHub}, which delivers it
 * to that node's subscribers at its next flush. A topic delivers one node's messages to every node in
 * the order that node published them, so subscribers on any node see a publisher's messages in one
 * order. Broadcasts travel as plain serializable values; frames are never shipped, each node encodes a
 * message once for its own subscribers.
 */
@ApplicationScoped
@Typed(ClusterBroadcasts.class)
public class ClusterBroadcasts implements Broadcasts {

    static final String TOPIC = "paddock.broadcasts";

    private Cluster cluster;
    private ChannelHub hub;

    protected ClusterBroadcasts() {
    }

    @Inject
    public ClusterBroadcasts(Cluster cluster, ChannelHub hub) {
        this.cluster = cluster;
        this.hub = hub;
    }

    /** Listens from startup, so a node without publishers of its own still delivers the others'. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (cluster.enabled()) {
            cluster.subscribe(TOPIC, message -> hub.enqueue((Broadcast) message));
        }
    }

    @Override
    public void publish(Broadcast broadcast) {
        cluster.publish(TOPIC, broadcast);
    }
}
