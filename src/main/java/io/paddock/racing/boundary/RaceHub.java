package io.paddock.racing.boundary;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.websocket.Broadcasts;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.Message;
import io.paddock.platform.websocket.Subscriber;
import io.paddock.racing.control.FinisherNames;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ModTokenRevoked;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.control.RaceChanged;
import io.paddock.racing.control.RaceRoom;
import io.paddock.racing.control.RaceStates;
import io.paddock.racing.control.RaceStates.Viewer;
import io.paddock.racing.entity.RaceStatus;

/**
 * Racing on the platform's WebSocket fan-out: a {@link RaceRoom} per race that has sockets, three
 * channels per race (spectators, spectators with per-player frames, authenticated mods), and, every
 * {@code paddock.racing.broadcast-tick}, each room's changes published as messages. Delivery,
 * back-pressure and keep-alive are the {@link ChannelHub}'s. In a cluster ({@link RoomsAcrossNodes})
 * every node keeps every live room, merged from all nodes' changes and connections, and the leading
 * node alone turns them into messages, published once for every node's subscribers.
 */
@ApplicationScoped
public class RaceHub {

    static final Message PING = Message.of("{\"type\":\"ping\"}");
    static final String PONG = "{\"type\":\"pong\"}";
    private static final String COUNT_KEY = "spectator_count";

    @Inject
    ChannelHub hub;

    @Inject
    Broadcasts broadcasts;

    @Inject
    RaceStates states;

    @Inject
    RoomsAcrossNodes nodes;

    @Inject
    @ConfigProperty(name = "paddock.racing.broadcast-tick", defaultValue = "PT0.05S")
    Duration tick;

    @Inject
    @ConfigProperty(name = "paddock.racing.leaderboard-interval", defaultValue = "PT1S")
    Duration leaderboardInterval;

    @Inject
    @ConfigProperty(name = "paddock.racing.ping-interval", defaultValue = "PT30S")
    Duration pingInterval;

    @Inject
    @ConfigProperty(name = "paddock.racing.max-sends-in-flight", defaultValue = "64")
    int maxInFlight;

    final Map<UUID, Room> rooms = new ConcurrentHashMap<>();

    /** The clock of {@link #publicState}'s reads; unit tests set it. */
    LongSupplier nanos = System::nanoTime;

    /** A public race_state read at room version {@code version}, at {@code readAt} (System.nanoTime). */
    record PublicState(RaceStates.State state, long version, long readAt) {
    }

    /** How long a public race_state read serves later arrivals at the same room version. */
    static final long PUBLIC_STATE_NANOS = 1_000_000_000L;

    /** A race's room and the sockets keeping it alive (mods and spectators; changed under the map's lock). */
    static final class Room {
        final UUID raceId;
        final RaceRoom state = new RaceRoom();
        /** Authenticated mod sockets and their participant. */
        final Map<Subscriber, UUID> mods = new ConcurrentHashMap<>();
        final String spectatorsChannel;
        final String singlesChannel;
        final String modsChannel;
        int sockets;
        /** What the cluster's other nodes hold of this room, by node (changed on the cluster's thread). */
        final Map<String, RoomsAcrossNodes.Presence> elsewhere = new ConcurrentHashMap<>();
        volatile int spectatorsElsewhere;
        /** The leader's term this room was taken over in (tick thread only). */
        long term;
        /** The public's race_state read, for the arrivals of the next moment (see {@link #sendState}). */
        volatile PublicState publicState;
        /** Held by the one arrival reading {@link #publicState} anew; the others wait for its read. */
        final Object publicStateRead = new Object();

        Room(UUID raceId) {
            this.raceId = raceId;
            this.spectatorsChannel = "race:" + raceId + ":spectators";
            this.singlesChannel = spectatorsChannel + ":player_update";
            this.modsChannel = "race:" + raceId + ":mods";
        }
    }

    @PostConstruct
    void start() {
        hub.everyTick(tick, this::flushRooms);
        if (clustered()) {
            nodes.start(this);
        }
    }

    /** Created at startup: in a cluster it merges other nodes' changes and may lead before any socket opens. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Being called creates the bean.
    }

    private boolean clustered() {
        return nodes != null && nodes.on();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RaceChanged change) {
        if (clustered()) {
            nodes.publish(change);
        } else {
            merge(change);
        }
    }

    /** A committed change (of any node, in a cluster) merged into its room, if the race has one. */
    void merge(RaceChanged change) {
        Room room = rooms.get(change.raceId());
        if (room != null) {
            room.state.offer(change);
        }
    }

    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) ModTokenRevoked revoked) {
        if (clustered()) {
            nodes.publish(revoked);
        } else {
            revoke(revoked);
        }
    }

    /** A revoked mod token: that participant's open mod sockets here are closed (as a bad token would be). */
    void revoke(ModTokenRevoked revoked) {
        Room room = rooms.get(revoked.raceId());
        if (room != null) {
            room.mods.forEach((mod, participant) -> {
                if (participant.equals(revoked.participantId())) {
                    ChannelHub.close(mod.session(), 4003, "mod token revoked");
                }
            });
        }
    }

    /** The room of a race, joined by one more socket; a new one starts from the database. */
    Room join(UUID raceId) {
        return join(raceId, true);
    }

    Room join(UUID raceId, boolean socket) {
        boolean[] fresh = new boolean[1];
        Room room = rooms.compute(raceId, (id, r) -> {
            Room kept = r == null ? new Room(id) : r;
            fresh[0] = r == null;
            if (socket) {
                kept.sockets++;
            }
            return kept;
        });
        if (fresh[0]) {
            states.state(raceId, false).ifPresent(state -> room.state.seed(
                    new FinisherNames(state.showFinishedNames(), RaceStatus.fromWire(state.race().status())),
                    state.board()));
        }
        return room;
    }

    private void leave(UUID raceId) {
        rooms.computeIfPresent(raceId, (id, r) -> --r.sockets <= 0 && r.elsewhere.isEmpty() ? null : r);
    }

    /** Drops a room no node holds sockets of any more. */
    void dropIfUnused(Room room) {
        rooms.computeIfPresent(room.raceId, (id, r) -> r.sockets <= 0 && r.elsewhere.isEmpty() ? null : r);
    }

    /** Tells the other nodes of a cluster what this node holds of a room now. */
    private void announce(UUID raceId) {
        if (clustered()) {
            nodes.announce(raceId);
        }
    }

    /** Sends one text to one socket now (replies, snapshots), under the hub's bound. */
    void send(Subscriber socket, String text) {
        hub.send(socket, text);
    }

    void pong(Subscriber mod) {
        hub.pong(mod);
    }

    void schedule(Runnable task, Duration delay) {
        hub.schedule(task, delay);
    }

    // --- mods -----------------------------------------------------------------------------------

    Subscriber modOpened(Session session) {
        return hub.connect(session, maxInFlight);
    }

    /** The mod authenticated: it joins the room and its broadcasts, and is kept alive by ping/pong. */
    void modAuthenticated(UUID raceId, Subscriber mod, UUID participantId, Leaderboard.Ranked board) {
        Room room = join(raceId);
        room.mods.put(mod, participantId);
        room.state.seed(board);
        room.state.modConnected(participantId);
        hub.subscribe(room.modsChannel, mod);
        hub.keepAlive(mod, PING, pingInterval);
        announce(raceId);
    }

    void modClosed(UUID raceId, Subscriber mod) {
        hub.disconnect(mod);
        Room room = raceId == null ? null : rooms.get(raceId);
        UUID participant = room == null ? null : room.mods.remove(mod);
        if (participant != null) {
            room.state.modDisconnected(participant);
            leave(raceId);
            announce(raceId);
        }
    }

    List<ParticipantView> live(UUID raceId, List<ParticipantView> participants) {
        Room room = rooms.get(raceId);
        return room == null ? participants : room.state.live(participants);
    }

    // --- spectators -----------------------------------------------------------------------------

    /**
     * A spectator joins its room; {@code ?frames=player_update} picks the per-player channel. Its
     * broadcasts are held back until {@link #sendState} hands over its race_state: subscribed first,
     * so nothing published while the state is read is missed, and race_state is always its first frame.
     */
    Subscriber spectatorOpened(UUID raceId, Session session) {
        Subscriber spectator = hub.connect(session, maxInFlight);
        boolean perPlayer = session.getRequestParameterMap().getOrDefault("frames", List.of()).contains("player_update");
        Room room = join(raceId);
        hub.subscribeHeld(perPlayer ? room.singlesChannel : room.spectatorsChannel, spectator);
        room.state.spectatorsChanged();
        announce(raceId);
        return spectator;
    }

    void spectatorClosed(UUID raceId, Subscriber spectator) {
        hub.disconnect(spectator);
        Room room = rooms.get(raceId);
        if (room != null) {
            room.state.spectatorsChanged();
            leave(raceId);
            announce(raceId);
        }
    }

    private int spectatorCount(Room room) {
        return hub.subscribers(room.spectatorsChannel) + hub.subscribers(room.singlesChannel)
                + room.spectatorsElsewhere;
    }

    /** Sends the full race_state to one spectator as {@code viewer} sees it; false for an unknown race. */
    boolean sendState(UUID raceId, Subscriber spectator, Viewer viewer) {
        Room room = rooms.get(raceId);
        if (room == null) {
            return false;
        }
        // The version before the read: every update published later is newer than what the read shows.
        // A node that does not lead shows the version the leader published last.
        boolean following = clustered() && !nodes.leading();
        long version = following ? nodes.storedVersion(raceId) : room.state.version();
        Optional<RaceStates.State> state = viewer == Viewer.PUBLIC && !following
                ? publicState(raceId, room, version)
                : states.state(raceId, viewer != Viewer.PUBLIC);
        if (state.isEmpty()) {
            return false;
        }
        hub.release(spectator, RaceMessages.raceState(state.get(), room.state, version, viewer, spectatorCount(room)));
        room.state.stateSent();
        return true;
    }

    /**
     * The public's state of the race, read once for the arrivals of a reconnect storm rather than once
     * per socket: a read serves while the room's version is the one it was read at and for at most
     * {@link #PUBLIC_STATE_NANOS}; every published tick drops it (see {@link #publish}). An arrival is
     * subscribed before its state is read, so whatever a tick publishes after the read reaches it.
     * One arrival reads while the others of the moment wait for it (a storm's arrivals all found the
     * read stale at once and each ran it).
     */
    private Optional<RaceStates.State> publicState(UUID raceId, Room room, long version) {
        Optional<RaceStates.State> fresh = freshPublicState(room, version);
        if (fresh.isPresent()) {
            return fresh;
        }
        synchronized (room.publicStateRead) {
            fresh = freshPublicState(room, version);
            if (fresh.isPresent()) {
                return fresh;
            }
            long now = nanos.getAsLong();
            Optional<RaceStates.State> state = states.state(raceId, false);
            state.ifPresent(read -> room.publicState = new PublicState(read, version, now));
            return state;
        }
    }

    private Optional<RaceStates.State> freshPublicState(Room room, long version) {
        PublicState cached = room.publicState;
        if (cached != null && cached.version() == version && nanos.getAsLong() - cached.readAt() < PUBLIC_STATE_NANOS) {
            return Optional.of(cached.state());
        }
        return Optional.empty();
    }

    // --- the tick -------------------------------------------------------------------------------

    /** Every tick: each room's changes become messages on its channels (the hub delivers them right after). */
    void flushRooms() {
        long now = System.nanoTime();
        long interval = leaderboardInterval.toNanos();
        boolean clustered = clustered();
        // In a cluster, a node that does not lead drops its ticks: the leader's reach its subscribers.
        boolean publishing = !clustered || nodes.leading();
        for (Room room : rooms.values()) {
            if (clustered && publishing && !nodes.takeOver(room)) {
                continue; // its changes wait for the next tick
            }
            long before = room.state.version();
            RaceRoom.Tick tick = room.state.flush(now, interval);
            if (!tick.empty() && publishing) {
                if (clustered && room.state.version() != before) {
                    // A successor continues above it (with a margin for stores still in flight).
                    nodes.storeVersion(room.raceId, room.state.version());
                }
                if (clustered && !tick.statuses().isEmpty()) {
                    // A successor tells what it finds changed since (see RoomsAcrossNodes.takeOver).
                    nodes.storeStatus(room.raceId, tick.statuses().get(tick.statuses().size() - 1).status());
                }
                publish(room, tick);
            }
        }
    }

    private void publish(Room room, RaceRoom.Tick tick) {
        if (!tick.statuses().isEmpty() || tick.resendState() || !tick.changed().isEmpty() || tick.boardToMods()) {
            room.publicState = null; // the race changed: the next arrival reads it anew
        }
        UUID id = room.raceId;
        String spectators = room.spectatorsChannel;
        String singles = room.singlesChannel;
        String mods = room.modsChannel;
        for (var race : tick.statuses()) {
            Message change = RaceMessages.statusChange(race);
            toSpectators(spectators, singles, change);
            broadcasts.publish(mods, change);
            if (RaceStatus.fromWire(race.status()) == RaceStatus.RUNNING) {
                broadcasts.publish(mods, RaceMessages.raceStart(race));
            }
        }
        if (tick.resendState()) {
            // The graph becomes public when the race runs; every spectator gets a fresh race_state.
            raceStates(id, room, tick.stateVersion()).ifPresent(state -> toSpectators(spectators, singles, state));
        }
        if (!tick.changed().isEmpty()) {
            broadcasts.publish(spectators, RaceMessages.playerUpdates(tick));
            if (clustered() || hub.subscribers(singles) > 0) {
                for (Message single : RaceMessages.singlePlayerUpdates(tick)) {
                    broadcasts.publish(singles, single);
                }
            }
        }
        if (tick.boardToMods()) {
            Message board = RaceMessages.leaderboard(tick);
            if (tick.boardToSpectators()) {
                toSpectators(spectators, singles, board);
            }
            broadcasts.publish(mods, board);
        }
        if (tick.countChanged()) {
            Message count = RaceMessages.spectatorCount(spectatorCount(room));
            broadcasts.publish(spectators, COUNT_KEY, count);
            broadcasts.publish(singles, COUNT_KEY, count);
        }
    }

    private void toSpectators(String spectators, String singles, Message message) {
        broadcasts.publish(spectators, message);
        broadcasts.publish(singles, message);
    }

    /** race_state for the public, insiders and organizers: two reads, three encodings at most. */
    private Optional<Message> raceStates(UUID raceId, Room room, long version) {
        Optional<RaceStates.State> outside = states.state(raceId, false);
        Optional<RaceStates.State> inside = states.state(raceId, true);
        if (outside.isEmpty() || inside.isEmpty()) {
            return Optional.empty();
        }
        int count = spectatorCount(room);
        RaceRoom state = room.state;
        return Optional.of(Message.of(RaceMessages.raceState(outside.get(), state, version, Viewer.PUBLIC, count))
                .withVariant(RaceMessages.INSIDERS,
                        RaceMessages.raceState(inside.get(), state, version, Viewer.INSIDER, count))
                .withVariant(RaceMessages.ORGANIZERS,
                        RaceMessages.raceState(inside.get(), state, version, Viewer.ORGANIZER, count)));
    }
}
