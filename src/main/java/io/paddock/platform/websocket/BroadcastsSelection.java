package io.paddock.platform.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import io.paddock.platform.cluster.Cluster;

/** The {@link Broadcasts} every publisher gets: cluster-wide when clustering is on, else this node's own. */
@ApplicationScoped
class BroadcastsSelection {

    @Produces
    @ApplicationScoped
    Broadcasts broadcasts(Cluster cluster, Instance<LocalBroadcasts> local, Instance<ClusterBroadcasts> clustered) {
        return cluster.enabled() ? clustered.get() : local.get();
    }
}
