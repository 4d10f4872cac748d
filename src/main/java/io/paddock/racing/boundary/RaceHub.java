package io.paddock.racing.boundary;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;
import io.paddock.racing.control.Leaderboard;
import io.paddock.racing.control.ModTokenRevoked;
import io.paddock.racing.control.ParticipantView;
import io.paddock.racing.control.RaceChanged;
import io.paddock.racing.control.RaceInfo;
import io.paddock.racing.control.RaceStates;

/**
 * The rooms of live races: mod and spectator sessions per race. Changes arrive after commit
 * ({@code AFTER_SUCCESS}) and are coalesced per room; a tick (≤ 250 ms) encodes each message once per
 * room and sends it asynchronously to every session. A session with too many sends in flight is
 * skipped, and closed when it stays behind: a slow spectator never stalls the room.
 */
@ApplicationScoped
public class RaceHub {

    private static final Logger LOG = Logger.getLogger(RaceHub.class.getName());
    /** Sends on a thread whose context loader finds nothing skip Payara's costly context capture (STACK.md 9). */
    private static final ClassLoader EMPTY_LOADER = new ClassLoader(null) {
    };

    @Resource
    ManagedThreadFactory threads;

    @Inject
    RaceStates states;

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

    @Inject
    @ConfigProperty(name = "paddock.racing.send-threads", defaultValue = "2")
    int sendThreads;

    private static final String MODS_KEY = "paddock.racing.mods";

    /** The liveness clock (System.nanoTime); unit tests move it by hand. */
    LongSupplier nanos = System::nanoTime;

    private ScheduledExecutorService scheduler;
    private ScheduledThreadPoolExecutor idleTimers;
    private java.util.concurrent.ExecutorService senders;
    /** Below this many spectators per extra thread a room is served by the tick thread alone. */
    private static final int FAN_OUT_CHUNK = 200;
    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private static volatile java.lang.reflect.Field tyrusTimerField;
    private static volatile boolean tyrusTimerUnavailable;

    /** One connected socket and its backlog. */
    static final class Peer {
        final Session session;
        final AtomicInteger inFlight = new AtomicInteger();
        volatile int skipped;
        volatile UUID participantId;
        volatile boolean insider;
        /** The race's organizer or an admin: sees finishers' names even when the race hides them. */
        volatile boolean organizer;
        /** Opted into the seed's one player_update frame per changed participant ({@code ?frames=player_update}). */
        volatile boolean perPlayer;
        volatile long lastPong = System.nanoTime();
        /** Tyrus's socket for frames encoded once per tick ({@link RawFrames}), or null. */
        volatile Object rawSocket;
        /** Raw frames not yet written, oldest first (settled on the next send). */
        final java.util.concurrent.ConcurrentLinkedQueue<java.util.concurrent.Future<?>> rawPending =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        Peer(Session session) {
            this.session = session;
        }
    }

    /**
     * Who a broadcast is encoded for. Usually ALL; when the race hides finishers' names and a message
     * names one, it is encoded twice: PUBLIC (mods and spectators) and ORGANIZERS.
     */
    enum Audience {
        ALL, PUBLIC, ORGANIZERS;

        boolean includes(Peer peer) {
            return this == ALL || (this == ORGANIZERS) == peer.organizer;
        }
    }

    /** One tick's frames for one audience: the coalesced updates, the seed's per-player frames, the board. */
    record Frames(Outgoing updates, List<Outgoing> single, Outgoing board) {
        static Frames forPeer(Map<Audience, Frames> framesOf, Peer peer) {
            for (Map.Entry<Audience, Frames> e : framesOf.entrySet()) {
                if (e.getKey().includes(peer)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** One race's sessions and the changes waiting for the next tick. */
    final class Room {
        final UUID raceId;
        final Map<String, Peer> mods = new ConcurrentHashMap<>();
        final Map<String, Peer> spectators = new ConcurrentHashMap<>();
        final AtomicLong version = new AtomicLong();
        final Map<UUID, AtomicInteger> connected = new ConcurrentHashMap<>();
        // Guarded by this room.
        private final LinkedHashMap<UUID, ParticipantView> players = new LinkedHashMap<>();
        private final List<RaceInfo> statusChanges = new ArrayList<>();
        private final Map<UUID, ParticipantView> current = new LinkedHashMap<>();
        /** The race's show_finished_names and latest status (names show again once it is finished). */
        volatile boolean showFinishedNames = true;
        volatile String status;
        private boolean boardDirty;
        private boolean countDirty;
        private boolean resendState;
        private long boardSentAt;
        private long modBoardSentAt;
        /** What spectators' last leaderboard_update showed that player updates do not carry. */
        private BoardShape shownShape;
        /** Spectators are owed a board whose shape changed while the interval was not over. */
        private boolean shapePending;

        Room(UUID raceId) {
            this.raceId = raceId;
        }

        /**
         * Merges a committed change. Snapshots of concurrent transactions each miss the other's
         * change, so the room keeps, per participant, the view with the highest entity version and
         * ranks the merged set itself.
         */
        synchronized void offer(RaceChanged change) {
            boolean membership = change.complete();
            if (membership) {
                java.util.Set<UUID> present = new java.util.HashSet<>();
                change.leaderboard().participants().forEach(p -> present.add(p.id()));
                current.keySet().retainAll(present);
            }
            for (ParticipantView p : change.leaderboard().participants()) {
                current.merge(p.id(), p, (old, neu) -> neu.version() >= old.version() ? neu : old);
            }
            for (ParticipantView p : change.changed()) {
                ParticipantView kept = current.merge(p.id(), p, (old, neu) -> neu.version() >= old.version() ? neu : old);
                if (kept == p) {
                    players.remove(p.id());
                    players.put(p.id(), p);
                }
            }
            boardDirty = true;
            if (change.status() != null) {
                status = change.status();
                statusChanges.add(change.race());
                if (change.status().equals("running") || change.status().equals("open")) {
                    resendState = true;
                }
            }
        }

        synchronized void seed(Leaderboard.Ranked ranked) {
            for (ParticipantView p : ranked.participants()) {
                current.merge(p.id(), p, (old, neu) -> neu.version() >= old.version() ? neu : old);
            }
        }

        synchronized void connectionChanged(UUID participantId) {
            ParticipantView p = current.get(participantId);
            if (p != null) {
                players.put(p.id(), p);
                boardDirty = true;
            }
        }

        synchronized void spectatorsChanged() {
            countDirty = true;
        }

        boolean connected(UUID participantId) {
            AtomicInteger n = connected.get(participantId);
            return n != null && n.get() > 0;
        }

        ParticipantView live(ParticipantView p) {
            return p.withModConnected(connected(p.id()));
        }

        /** The audiences these participants are encoded for: one, or two when a finisher's name is hidden. */
        List<Audience> audiences(List<ParticipantView> participants) {
            boolean hides = !showFinishedNames && !"finished".equals(status)
                    && participants.stream().anyMatch(p -> p.status().equals("finished"));
            return hides ? List.of(Audience.PUBLIC, Audience.ORGANIZERS) : List.of(Audience.ALL);
        }

        ParticipantView shown(ParticipantView p, Audience audience) {
            ParticipantView live = live(p);
            return audience == Audience.PUBLIC ? live.withFinishedNameHidden() : live;
        }

        void flush() {
            List<RaceInfo> statuses;
            List<ParticipantView> changed;
            Leaderboard.Ranked ranked = null;
            boolean toSpectators = false;
            boolean toMods = false;
            boolean count;
            boolean state;
            synchronized (this) {
                statuses = List.copyOf(statusChanges);
                statusChanges.clear();
                List<ParticipantView> latest = List.copyOf(players.values());
                players.clear();
                if (boardDirty || shapePending || !latest.isEmpty()) {
                    ranked = Leaderboard.rank(List.copyOf(current.values()));
                }
                // Player updates carry gap_ms from the merged board, so a client's gaps stay current.
                changed = ranked == null ? latest : withGaps(latest, ranked);
                if (ranked != null) {
                    // The full board is large (~30 KB with 100 participants): spectators get it only when
                    // what player updates do not carry changed (order, membership, statuses, leader
                    // splits), at most once per leaderboard interval; a race status change forces one.
                    // Mods get no player updates, so they keep one per interval while anything moves.
                    long now = System.nanoTime();
                    long interval = leaderboardInterval.toNanos();
                    BoardShape shape = BoardShape.of(ranked);
                    boolean shapeChanged = !shape.equals(shownShape);
                    toSpectators = shapeChanged && (now - boardSentAt >= interval || !statuses.isEmpty());
                    toMods = toSpectators || boardDirty && (now - modBoardSentAt >= interval || !statuses.isEmpty());
                    shapePending = shapeChanged && !toSpectators;
                    if (toSpectators) {
                        shownShape = shape;
                        boardSentAt = now;
                    }
                    if (toMods) {
                        boardDirty = false;
                        modBoardSentAt = now;
                    }
                }
                count = countDirty;
                countDirty = false;
                state = resendState;
                resendState = false;
            }
            for (RaceInfo race : statuses) {
                ObjectNode msg = message("race_status_change");
                msg.put("status", race.status());
                msg.set("started_at", Json.mapper().valueToTree(race.startedAt()));
                msg.set("scheduled_start", Json.mapper().valueToTree(race.scheduledStart()));
                String text = encode(msg);
                sendAll(spectators, text);
                sendAll(mods, text);
                if (race.status().equals("running")) {
                    ObjectNode start = message("race_start");
                    start.set("started_at", Json.mapper().valueToTree(race.startedAt()));
                    sendAll(mods, encode(start));
                }
            }
            if (state) {
                // The graph becomes public when the race runs; everyone gets a fresh race_state.
                for (Peer peer : spectators.values()) {
                    sendState(this, peer);
                }
            }
            // One player_updates frame per room tick (issue 4, item 8: the cost grows with rooms ×
            // spectators, not mods × spectators); spectators that opted into the seed's framing
            // (?frames=player_update) get one player_update per changed participant instead.
            // With show_finished_names off, a finisher's name is hidden from all but the organizer: each
            // message is then encoded twice (public, organizers) under the same version, else once.
            List<ParticipantView> listed = new ArrayList<>(changed);
            if (ranked != null) {
                listed.addAll(ranked.participants());
            }
            long updatesVersion = changed.isEmpty() ? 0 : version.incrementAndGet();
            long boardVersion = toMods ? version.incrementAndGet() : 0;
            boolean anyPerPlayer = spectators.values().stream().anyMatch(p -> p.perPlayer);
            Map<Audience, Frames> framesOf = new java.util.EnumMap<>(Audience.class);
            for (Audience audience : audiences(listed)) {
                Outgoing coalesced = null;
                List<Outgoing> single = new ArrayList<>();
                if (!changed.isEmpty()) {
                    ObjectNode batch = message("player_updates");
                    batch.put("version", updatesVersion);
                    var players = batch.putArray("players");
                    for (ParticipantView p : changed) {
                        JsonNode player = Json.mapper().valueToTree(shown(p, audience));
                        players.add(player);
                        if (anyPerPlayer) {
                            ObjectNode msg = message("player_update");
                            msg.set("player", player);
                            single.add(Outgoing.of(encode(msg)));
                        }
                    }
                    coalesced = Outgoing.of(encode(batch));
                }
                Outgoing board = toMods ? Outgoing.of(encode(leaderboard(ranked, boardVersion, audience))) : null;
                framesOf.put(audience, new Frames(coalesced, single, board));
            }
            Outgoing countText = null;
            if (count) {
                ObjectNode msg = message("spectator_count");
                msg.put("count", spectators.size());
                countText = Outgoing.of(encode(msg));
            }
            boolean anyUpdates = !changed.isEmpty();
            if (anyUpdates || toSpectators || countText != null) {
                Outgoing counted = countText;
                boolean boardToSpectators = toSpectators;
                fanOut(spectators.values(), peer -> {
                    Frames frames = Frames.forPeer(framesOf, peer);
                    if (frames != null && frames.updates() != null) {
                        if (peer.perPlayer) {
                            frames.single().forEach(one -> sendFrame(peer, one));
                        } else {
                            sendFrame(peer, frames.updates());
                        }
                    }
                    if (frames != null && boardToSpectators && frames.board() != null) {
                        sendFrame(peer, frames.board());
                    }
                    if (counted != null) {
                        sendFrame(peer, counted);
                    }
                });
            }
            if (toMods) {
                for (Peer peer : mods.values()) {
                    Frames frames = Frames.forPeer(framesOf, peer);
                    if (peer.participantId != null && frames != null) {
                        sendFrame(peer, frames.board());
                    }
                }
            }
        }

        ObjectNode leaderboard(Leaderboard.Ranked ranked, long boardVersion, Audience audience) {
            ObjectNode msg = message("leaderboard_update");
            msg.put("version", boardVersion);
            msg.set("participants", Json.mapper().valueToTree(
                    ranked.participants().stream().map(p -> shown(p, audience)).toList()));
            msg.set("leader_splits", Json.mapper().valueToTree(ranked.leaderSplits()));
            return msg;
        }

        boolean idle() {
            return mods.isEmpty() && spectators.isEmpty();
        }
    }

    /** The changed participants with the gap_ms of the freshly ranked board. */
    static List<ParticipantView> withGaps(List<ParticipantView> changed, Leaderboard.Ranked ranked) {
        Map<UUID, Long> gaps = new java.util.HashMap<>();
        for (ParticipantView p : ranked.participants()) {
            gaps.put(p.id(), p.gapMs());
        }
        return changed.stream().map(p -> p.withGap(gaps.get(p.id()))).toList();
    }

    /**
     * The part of a leaderboard that player updates do not carry: order (and with it membership),
     * every participant's status, and the leader's splits. IGT, zone, deaths and gaps travel in
     * player updates; a client derives gaps of later updates from {@code leader_splits}.
     */
    record BoardShape(List<UUID> order, List<String> statuses, Map<Integer, Long> splits) {
        static BoardShape of(Leaderboard.Ranked ranked) {
            return new BoardShape(ranked.participants().stream().map(ParticipantView::id).toList(),
                    ranked.participants().stream().map(ParticipantView::status).toList(), ranked.leaderSplits());
        }
    }

    @PostConstruct
    void start() {
        scheduler = Executors.newScheduledThreadPool(1, threads);
        long tickMs = Math.max(10, Math.min(250, tick.toMillis()));
        // At a fixed rate: the coalescing period stays the tick however long a flush takes (runs never overlap).
        scheduler.scheduleAtFixedRate(this::flushAll, tickMs, tickMs, TimeUnit.MILLISECONDS);
        long ping = Math.max(1, pingInterval.toMillis());
        scheduler.scheduleWithFixedDelay(this::pingMods, ping, ping, TimeUnit.MILLISECONDS);
        idleTimers = new ScheduledThreadPoolExecutor(1, threads);
        idleTimers.setRemoveOnCancelPolicy(true);
        if (sendThreads > 1) {
            senders = Executors.newFixedThreadPool(sendThreads - 1, threads);
        }
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (idleTimers != null) {
            idleTimers.shutdownNow();
        }
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RaceChanged change) {
        Room room = rooms.get(change.raceId());
        if (room != null) {
            room.offer(change);
        }
    }

    /** A revoked mod token: that participant's open mod sockets are closed (as a bad token would be). */
    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) ModTokenRevoked revoked) {
        Room room = rooms.get(revoked.raceId());
        if (room != null) {
            for (Peer peer : room.mods.values()) {
                if (revoked.participantId().equals(peer.participantId)) {
                    close(peer.session, 4003, "mod token revoked");
                }
            }
        }
    }

    /** The room of a race; a new one starts from the participants in the database. */
    Room room(UUID raceId) {
        Room room = rooms.get(raceId);
        if (room != null) {
            return room;
        }
        Room fresh = new Room(raceId);
        room = rooms.putIfAbsent(raceId, fresh);
        if (room != null) {
            return room;
        }
        states.state(raceId, false).ifPresent(state -> {
            fresh.showFinishedNames = state.showFinishedNames();
            fresh.status = state.race().status();
            fresh.seed(state.board());
        });
        return fresh;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    // --- mods -----------------------------------------------------------------------------------

    Peer modOpened(UUID raceId, Session session) {
        lightenIdleTimer(session);
        Peer peer = new Peer(session);
        peer.rawSocket = RawFrames.socketOf(session);
        Room room = room(raceId);
        session.getUserProperties().put(MODS_KEY, room.mods);
        room.mods.put(session.getId(), peer);
        return peer;
    }

    void modAuthenticated(UUID raceId, Peer peer, UUID participantId, Leaderboard.Ranked board) {
        peer.lastPong = nanos.getAsLong();
        peer.participantId = participantId;
        Room room = room(raceId);
        room.connected.computeIfAbsent(participantId, k -> new AtomicInteger()).incrementAndGet();
        room.seed(board);
        room.connectionChanged(participantId);
    }

    void modClosed(UUID raceId, Session session) {
        Room room = rooms.get(raceId);
        if (room == null) {
            return;
        }
        Peer peer = room.mods.remove(session.getId());
        if (peer != null && peer.participantId != null) {
            AtomicInteger n = room.connected.get(peer.participantId);
            if (n != null) {
                n.decrementAndGet();
            }
            room.connectionChanged(peer.participantId);
        }
        forgetIfIdle(room);
    }

    List<ParticipantView> live(UUID raceId, List<ParticipantView> participants) {
        Room room = room(raceId);
        return participants.stream().map(room::live).toList();
    }

    /** The mod answered a ping: it stays connected for another 2.5 intervals. */
    void pong(Peer peer) {
        peer.lastPong = nanos.getAsLong();
    }

    /**
     * Every ping interval: an authenticated mod that has not answered for 2.5 intervals is closed
     * (1001), every other mod gets a {@code ping}. The application's own liveness, not Tyrus idle
     * timeouts (STACK.md 9).
     */
    void pingMods() {
        String ping = encode(message("ping"));
        long now = nanos.getAsLong();
        long limit = pingInterval.toNanos() * 5 / 2;
        for (Room room : rooms.values()) {
            for (Peer peer : room.mods.values()) {
                if (peer.participantId != null && now - peer.lastPong > limit) {
                    close(peer.session, 1001, "no pong");
                } else {
                    send(peer, ping);
                }
            }
        }
    }

    // --- spectators -----------------------------------------------------------------------------

    Peer spectatorOpened(UUID raceId, Session session) {
        lightenIdleTimer(session);
        Peer peer = new Peer(session);
        peer.rawSocket = RawFrames.socketOf(session);
        // ?batch=1 (the earlier opt-in to player_updates) is accepted and is now the default.
        peer.perPlayer = session.getRequestParameterMap().getOrDefault("frames", List.of()).contains("player_update");
        Room room = room(raceId);
        room.spectators.put(session.getId(), peer);
        room.spectatorsChanged();
        return peer;
    }

    void spectatorClosed(UUID raceId, Session session) {
        Room room = rooms.get(raceId);
        if (room != null && room.spectators.remove(session.getId()) != null) {
            room.spectatorsChanged();
            forgetIfIdle(room);
        }
    }

    /** Sends the full race_state to one spectator (graph only when allowed). */
    boolean sendState(UUID raceId, Peer peer) {
        return sendState(room(raceId), peer);
    }

    private boolean sendState(Room room, Peer peer) {
        var state = states.state(room.raceId, peer.insider);
        if (state.isEmpty()) {
            return false;
        }
        ObjectNode msg = message("race_state");
        msg.set("race", Json.mapper().valueToTree(state.get().race()));
        ObjectNode seed = msg.putObject("seed");
        seed.put("total_layers", state.get().totalLayers());
        if (state.get().graph() != null) {
            seed.set("graph_json", state.get().graph());
        }
        // A fresh read, so the race's own flag and status decide (not the room's copy).
        boolean hide = !state.get().showFinishedNames() && !"finished".equals(state.get().race().status())
                && !peer.organizer;
        msg.set("participants", Json.mapper().valueToTree(state.get().board().participants().stream()
                .map(p -> hide ? room.live(p).withFinishedNameHidden() : room.live(p)).toList()));
        msg.set("leader_splits", Json.mapper().valueToTree(state.get().board().leaderSplits()));
        msg.put("version", room.version.get());
        msg.put("spectator_count", room.spectators.size());
        send(peer, encode(msg));
        return true;
    }

    private void forgetIfIdle(Room room) {
        if (room.idle()) {
            rooms.remove(room.raceId, room);
        }
    }

    // --- sending --------------------------------------------------------------------------------

    /** A broadcast message, as text and as a ready frame (encoded once per tick, not once per socket). */
    record Outgoing(String text, byte[] frame) {
        static Outgoing of(String text) {
            return new Outgoing(text, RawFrames.textFrame(text));
        }
    }

    /**
     * Sends a broadcast frame: written as it is when the peer's socket allows it, else through
     * {@link #send}. Same bound as there: a peer with too much in flight skips this message, one
     * that stays behind is closed (1008).
     */
    void sendFrame(Peer peer, Outgoing out) {
        Object socket = peer.rawSocket;
        if (socket == null) {
            send(peer, out.text());
            return;
        }
        Session session = peer.session;
        if (!session.isOpen()) {
            return;
        }
        for (java.util.concurrent.Future<?> f = peer.rawPending.peek(); f != null && f.isDone(); f = peer.rawPending.peek()) {
            peer.rawPending.poll();
            try {
                f.get();
                peer.skipped = 0;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                close(session, 1011, "send failed");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (peer.rawPending.size() + peer.inFlight.get() >= maxInFlight) {
            if (++peer.skipped > maxInFlight * 4) {
                close(session, 1008, "too slow");
            }
            return;
        }
        try {
            peer.rawPending.add(RawFrames.send(socket, out.frame()));
        } catch (RuntimeException e) {
            close(session, 1011, "send failed");
        }
    }

    /**
     * Runs {@code action} for every peer, split over the tick thread and {@code send-threads − 1}
     * sender threads when the room is large: a send costs tens of microseconds on Payara, so one
     * thread serving 1,000 spectators would make the last one wait most of a tick. Returns when every
     * peer is served, so one peer's frames keep their order from tick to tick.
     */
    private void fanOut(java.util.Collection<Peer> peers, java.util.function.Consumer<Peer> action) {
        List<Peer> all = List.copyOf(peers);
        int parts = senders == null ? 1 : Math.min(sendThreads, 1 + all.size() / FAN_OUT_CHUNK);
        if (parts <= 1) {
            all.forEach(action);
            return;
        }
        int size = (all.size() + parts - 1) / parts;
        List<java.util.concurrent.Future<?>> pending = new ArrayList<>(parts - 1);
        for (int from = size; from < all.size(); from += size) {
            List<Peer> chunk = all.subList(from, Math.min(all.size(), from + size));
            pending.add(senders.submit(() -> {
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(EMPTY_LOADER);
                try {
                    chunk.forEach(action);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }));
        }
        all.subList(0, size).forEach(action);
        for (java.util.concurrent.Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.log(Level.WARNING, "Broadcast to part of a room failed", e.getCause());
            }
        }
    }

    /**
     * Tyrus re-arms a session's idle-timeout task on every frame sent or received, on the scheduler
     * its container hands it. On Payara that is the default managed scheduled executor, and each of
     * its tasks captures the application's context by scanning {@code META-INF/services} across the
     * class path (STACK.md, pitfall 9): with the racing benchmark's load that was ~15 % of the
     * server's CPU, on receive as well as on send. Disabling that executor breaks deployment, so each
     * racing session gets a plain scheduler of ours instead (same tasks, same timeouts, no context
     * capture). Tyrus keeps it in a private field; without that field nothing changes.
     */
    void lightenIdleTimer(Session session) {
        if (tyrusTimerUnavailable || idleTimers == null) {
            return;
        }
        try {
            java.lang.reflect.Field field = tyrusTimerField;
            if (field == null || !field.getDeclaringClass().isInstance(session)) {
                field = null;
                for (Class<?> c = session.getClass(); c != null && field == null; c = c.getSuperclass()) {
                    for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                        if (f.getName().equals("service") && f.getType() == ScheduledExecutorService.class) {
                            f.setAccessible(true);
                            field = f;
                        }
                    }
                }
                if (field == null) {
                    tyrusTimerUnavailable = true;
                    LOG.info("WebSocket sessions keep the container's idle-timeout scheduler (no Tyrus field found)");
                    return;
                }
                tyrusTimerField = field;
            }
            field.set(session, idleTimers);
        } catch (ReflectiveOperationException | RuntimeException e) {
            tyrusTimerUnavailable = true;
            LOG.log(Level.INFO, "WebSocket sessions keep the container's idle-timeout scheduler", e);
        }
    }

    private void flushAll() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        for (Room room : rooms.values()) {
            try {
                thread.setContextClassLoader(EMPTY_LOADER);
                room.flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Broadcast of race " + room.raceId + " failed", e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private void sendAll(Map<String, Peer> peers, String text) {
        sendAll(peers, text, Audience.ALL);
    }

    private void sendAll(Map<String, Peer> peers, String text, Audience audience) {
        for (Peer peer : peers.values()) {
            if (!audience.includes(peer)) {
                continue;
            }
            // Mods receive broadcasts only once authenticated (spectators never carry a participant).
            if (peers == peer.session.getUserProperties().get(MODS_KEY) && peer.participantId == null) {
                continue;
            }
            send(peer, text);
        }
    }

    /**
     * Asynchronous, bounded: a peer with too much in flight skips this message; one that skips many
     * messages in a row without any send completing is closed.
     */
    void send(Peer peer, String text) {
        Session session = peer.session;
        if (!session.isOpen()) {
            return;
        }
        if (peer.inFlight.get() >= maxInFlight) {
            if (++peer.skipped > maxInFlight * 4) {
                close(session, 1008, "too slow");
            }
            return;
        }
        peer.inFlight.incrementAndGet();
        try {
            session.getAsyncRemote().sendText(text, result -> {
                peer.inFlight.decrementAndGet();
                if (result.isOK()) {
                    peer.skipped = 0;
                } else {
                    close(session, 1011, "send failed");
                }
            });
        } catch (RuntimeException e) {
            peer.inFlight.decrementAndGet();
            close(session, 1011, "send failed");
        }
    }

    static ObjectNode message(String type) {
        ObjectNode msg = Json.mapper().createObjectNode();
        msg.put("type", type);
        return msg;
    }

    static String encode(ObjectNode msg) {
        try {
            return Json.mapper().writeValueAsString(msg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void close(Session session, int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close failed", e);
        }
    }

    Set<String> roomIds() {
        return Set.copyOf(rooms.keySet().stream().map(UUID::toString).toList());
    }
}
