package io.paddock.racing.boundary;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.paddock.racing.boundary.RaceHub.Room;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.RaceChanged;
import io.paddock.racing.control.RaceInfo;
import io.paddock.racing.control.RaceStates;

/**
 * Race rooms in a cluster. Every node publishes, on one topic of the data grid, what the rooms of all
 * nodes need: each committed {@link RaceChanged}, each revoked mod token, and, whenever its sockets of
 * a race change, its {@link Presence} in that race (mods per participant, spectators). Every node
 * applies them in the order each node sent them, on one thread of its own, so every node holds every
 * live room with the same participants, connections and spectator count. The leading node
 * ({@link Leadership}) alone turns rooms into messages, taking each room over first ({@link #takeOver});
 * it stores each room's last version in a map of the grid, so a node taking over continues above it
 * and versions never go back. A node that leaves takes its presence with it; when one joins, every
 * node announces its own.
 */
@ApplicationScoped
class RoomsAcrossNodes {

    private static final Logger LOG = Logger.getLogger(RoomsAcrossNodes.class.getName());
    static final String TOPIC = "paddock.racing.rooms";
    static final String VERSIONS = "paddock.racing.versions";
    /** The last race status the cluster published per race (kept a day: longer than any race's room). */
    static final String STATUSES = "paddock.racing.statuses";
    static final long STATUS_KEPT_HOURS = 24;
    /**
     * How far above the last stored version a new leader continues: versions are stored without
     * waiting (the tick thread never blocks on the grid), so the last few ticks of a dying leader may
     * be missing from the map; a margin of 1,000 covers far more ticks than can be in flight.
     */
    static final long TAKEOVER_MARGIN = 1_000;
    /** The longest the tick or a socket waits for the grid's answer to a read. */
    static final long GRID_WAIT_MS = 2_000;

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
    private RaceHub racing;

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
        racing = hub;
        inbox = Executors.newSingleThreadExecutor(threads);
        String self = node();
        cluster.subscribe(TOPIC, message -> inbox.execute(() -> apply(self, message)));
        // A node that joins learns what the others hold (it may lead later), and forgets a node that left.
        cluster.onMembers(node -> inbox.execute(this::announceAll), node -> inbox.execute(() -> nodeLeft(node)));
    }

    private void apply(String self, Object message) {
        try {
            if (message instanceof RaceChanged change) {
                racing.merge(change);
            } else if (message instanceof ModTokenRevoked revoked) {
                racing.revoke(revoked);
            } else if (message instanceof Presence presence && !presence.node().equals(self)) {
                elsewhere(presence);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A race room message from the cluster could not be applied", e);
        }
    }

    /** What another node holds of a race's room: the room is kept (or started) while any node holds sockets. */
    void elsewhere(Presence presence) {
        Room room = presence.empty() ? racing.rooms.get(presence.raceId()) : racing.join(presence.raceId(), false);
        if (room == null) {
            return;
        }
        if (presence.empty()) {
            room.elsewhere.remove(presence.node());
        } else {
            room.elsewhere.put(presence.node(), presence);
        }
        recount(room);
        racing.dropIfUnused(room);
    }

    /** A node left the cluster: its sockets are gone from every room. */
    void nodeLeft(String node) {
        for (Room room : racing.rooms.values()) {
            if (room.elsewhere.remove(node) != null) {
                recount(room);
                racing.dropIfUnused(room);
            }
        }
    }

    private static void recount(Room room) {
        Map<UUID, Integer> mods = new HashMap<>();
        int spectators = 0;
        for (Presence p : room.elsewhere.values()) {
            p.mods().forEach((participant, n) -> mods.merge(participant, n, Integer::sum));
            spectators += p.spectators();
        }
        room.state.connectedElsewhere(mods);
        if (spectators != room.spectatorsElsewhere) {
            room.spectatorsElsewhere = spectators;
            room.state.spectatorsChanged();
        }
    }

    /**
     * Before the leader publishes a room's first tick of its term: the room merges the stored board (what
     * the previous leader merged and this node may have missed) and continues above the version the
     * cluster showed last. What changed while no node led (between the previous leader's last tick and
     * this one, a node that does not lead drops its ticks) is told again: every spectator gets a fresh
     * race_state, mods the board, and both the race's status when it is not the one the cluster
     * published last (a race that started or finished meanwhile).
     */
    boolean takeOver(Room room) {
        long term = leadership.term();
        if (room.term == term) {
            return true;
        }
        Long last = storedVersionOrNull(room.raceId);
        Optional<String> published = storedStatus(room.raceId);
        if (last == null || published == null) {
            return false; // the grid did not answer in time: the next tick tries again
        }
        long shown = last == 0 ? 0 : last + TAKEOVER_MARGIN;
        Optional<RaceStates.State> state = racing.states.state(room.raceId, false);
        Leaderboard.Ranked stored = state.map(RaceStates.State::board)
                .orElse(new Leaderboard.Ranked(List.of(), Map.of()));
        RaceInfo missed = state.map(RaceStates.State::race)
                .filter(race -> published.isPresent() && !published.get().equals(race.status())).orElse(null);
        room.state.takeOver(stored, shown, missed);
        room.term = term;
        LOG.info(() -> "Race " + room.raceId + ": room taken over by this node above version " + shown
                + (missed == null ? "." : ", telling its status " + missed.status() + "."));
        return true;
    }

    /** Tells the other nodes what this node holds of each room it has sockets of. */
    void announceAll() {
        for (Room room : racing.rooms.values()) {
            if (room.sockets > 0) {
                announce(room.raceId);
            }
        }
    }

    /** Tells the other nodes what this node holds of a room now: its mods per participant and spectators. */
    void announce(UUID raceId) {
        Room room = racing.rooms.get(raceId);
        Map<UUID, Integer> mods = new HashMap<>();
        int spectators = 0;
        if (room != null) {
            room.mods.values().forEach(participant -> mods.merge(participant, 1, Integer::sum));
            spectators = racing.hub.subscribers(room.spectatorsChannel) + racing.hub.subscribers(room.singlesChannel);
        }
        publish(new Presence(raceId, node(), Map.copyOf(mods), spectators));
    }

    void publish(Serializable message) {
        cluster.publish(TOPIC, message);
    }

    /** The last version the cluster published for a race (0 before any). */
    long storedVersion(UUID raceId) {
        Long stored = storedVersionOrNull(raceId);
        return stored == null ? 0 : stored;
    }

    /** The stored version (0 before any), or null when the grid did not answer within {@link #GRID_WAIT_MS}. */
    private Long storedVersionOrNull(UUID raceId) {
        try {
            Long stored = cluster.<String, Long>map(VERSIONS).getAsync(raceId.toString()).toCompletableFuture()
                    .get(GRID_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            return stored == null ? 0L : stored;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warning(() -> "Race " + raceId + ": the data grid did not give the room's version: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The last status the cluster published for a race (empty before any), or null when the grid did
     * not answer within {@link #GRID_WAIT_MS}.
     */
    private Optional<String> storedStatus(UUID raceId) {
        try {
            String stored = cluster.<String, String>map(STATUSES).getAsync(raceId.toString()).toCompletableFuture()
                    .get(GRID_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            return Optional.ofNullable(stored);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warning(() -> "Race " + raceId + ": the data grid did not give the room's status: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stores the status a tick published, without waiting for the grid. */
    void storeStatus(UUID raceId, String status) {
        cluster.<String, String>map(STATUSES).setAsync(raceId.toString(), status, STATUS_KEPT_HOURS,
                java.util.concurrent.TimeUnit.HOURS);
    }

    /** Stores a room's version without waiting for the grid (see {@link #TAKEOVER_MARGIN}). */
    void storeVersion(UUID raceId, long version) {
        cluster.<String, Long>map(VERSIONS).setAsync(raceId.toString(), version);
    }

    @PreDestroy
    synchronized void stop() {
        if (inbox != null) {
            inbox.shutdownNow();
        }
    }
}
