package io.paddock.racing.boundary;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.cluster.Leadership;
import io.paddock.racing.control.ModTokenRevoked;
import io.paddock.racing.control.RaceChanged;

/**
 * Race rooms in a cluster. Every node publishes, on one topic of the data grid, what the rooms of all
 * nodes need: each committed {@link RaceChanged}, each revoked mod token, and, whenever its sockets of
 * a race change, its {@link Presence} in that race (mods per participant, spectators). Every node
 * applies them in the order each node sent them, on one thread of its own, so every node holds every
 * live room with the same participants, connections and spectator count. The leading node
 * ({@link Leadership}) alone turns rooms into messages; it stores each room's last version in a map of
 * the grid before publishing a tick, so a node taking over continues above it and versions never go
 * back. A node that leaves takes its presence with it; when one joins, every node announces its own.
 */
@ApplicationScoped
class RoomsAcrossNodes {

    private static final Logger LOG = Logger.getLogger(RoomsAcrossNodes.class.getName());
    static final String TOPIC = "paddock.racing.rooms";
    static final String VERSIONS = "paddock.racing.versions";

    /** What one node holds of a race's room; empty when it holds nothing any more. */
    record Presence(UUID raceId, String node, Map<UUID, Integer> mods, int spectators) implements Serializable {
        boolean empty() {
            return mods.isEmpty() && spectators == 0;
        }
    }

    @Inject
    Cluster cluster;

    @Inject
    Leadership leadership;

    @Resource
    ManagedThreadFactory threads;

    private ExecutorService inbox;

    boolean on() {
        return cluster.enabled();
    }

    boolean leading() {
        return leadership.leading();
    }

    String node() {
        return cluster.nodeId();
    }

    /** Starts applying other nodes' messages to {@code hub}'s rooms. */
    synchronized void start(RaceHub hub) {
        if (inbox != null) {
            return;
        }
        inbox = Executors.newSingleThreadExecutor(threads);
        String self = node();
        cluster.subscribe(TOPIC, message -> inbox.execute(() -> apply(hub, self, message)));
        // A node that joins learns what the others hold (it may lead later), and forgets a node that left.
        cluster.onMembers(node -> inbox.execute(hub::announceAll), node -> inbox.execute(() -> hub.nodeLeft(node)));
        leadership.onElected(() -> inbox.execute(hub::elected));
    }

    private static void apply(RaceHub hub, String self, Object message) {
        try {
            if (message instanceof RaceChanged change) {
                hub.merge(change);
            } else if (message instanceof ModTokenRevoked revoked) {
                hub.revoke(revoked);
            } else if (message instanceof Presence presence && !presence.node().equals(self)) {
                hub.elsewhere(presence);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A race room message from the cluster could not be applied", e);
        }
    }

    void publish(Serializable message) {
        cluster.publish(TOPIC, message);
    }

    /** The last version the cluster published for a race (0 before any). */
    long storedVersion(UUID raceId) {
        Long stored = cluster.<String, Long>map(VERSIONS).get(raceId.toString());
        return stored == null ? 0 : stored;
    }

    void storeVersion(UUID raceId, long version) {
        cluster.<String, Long>map(VERSIONS).set(raceId.toString(), version);
    }

    @PreDestroy
    synchronized void stop() {
        if (inbox != null) {
            inbox.shutdownNow();
        }
    }
}
