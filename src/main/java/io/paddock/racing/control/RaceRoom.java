package io.paddock.racing.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.paddock.racing.entity.RaceStatus;
import io.paddock.racing.entity.ZoneVisit;

/**
 * One live race as its sockets see it: the participants merged from committed changes, which mods
 * are connected, and what the next tick must broadcast. No sessions here: the racing hub turns a
 * {@link Tick} into messages.
 */
public final class RaceRoom {

    private final AtomicLong version = new AtomicLong();
    private final Map<UUID, AtomicInteger> connected = new ConcurrentHashMap<>();
    /** Mod sockets per participant on the cluster's other nodes (empty alone). */
    private volatile Map<UUID, Integer> connectedElsewhere = Map.of();
    // Guarded by this room.
    private final LinkedHashMap<UUID, ParticipantView> players = new LinkedHashMap<>();
    private final List<RaceInfo> statusChanges = new ArrayList<>();
    private final Map<UUID, ParticipantView> current = new LinkedHashMap<>();
    /** Per participant, the first history position that changed since its last player update. */
    private final Map<UUID, Integer> historyFrom = new HashMap<>();
    private volatile FinisherNames names = new FinisherNames(true, RaceStatus.DRAFT);
    private boolean boardDirty;
    private boolean countDirty;
    /** When the last spectator_count went out (System.nanoTime), if one did. */
    private long countSentAt;
    private boolean countSent;
    private boolean resendState;
    private long boardSentAt;
    private long modBoardSentAt;
    /** What spectators' last leaderboard_update showed that player updates do not carry. */
    private BoardShape shownShape;
    /** Spectators are owed a board whose shape changed while the interval was not over. */
    private boolean shapePending;
    /** The next player updates carry whole participants (a spectator joined, the race's status changed). */
    private boolean wholeNext = true;
    /**
     * What spectators were last sent of each participant, by player updates or a board (the tick's
     * thread only): a player update carries only the fields that differ from it.
     */
    private final Map<UUID, ParticipantView> shown = new HashMap<>();
    /** The version of the last frame that brought participants to spectators (the tick's thread only). */
    private long shownVersion;

    /**
     * What one tick sends: status changes (and whether spectators get a fresh race_state, sent before
     * this tick's updates, so with the version before them), the
     * changed participants (with the merged board's gaps) and, for those whose zone history changed,
     * what changed in it, and the board, to spectators and/or mods. {@code shownBefore} holds, per changed
     * participant, what spectators were last sent of it (absent: its update carries it whole), and
     * {@code updatesAfter} the version of the last frame that brought spectators participants, so a
     * client that missed a frame can tell.
     */
    public record Tick(List<RaceInfo> statuses, boolean resendState, long stateVersion, List<ParticipantView> changed,
            Map<UUID, HistoryChange> histories, long updatesVersion, Leaderboard.Ranked board, long boardVersion,
            boolean boardToSpectators, boolean boardToMods, boolean countChanged, FinisherNames names,
            Map<UUID, ParticipantView> shownBefore, long updatesAfter) {

        public boolean empty() {
            return statuses.isEmpty() && !resendState && changed.isEmpty() && !boardToMods && !countChanged;
        }
    }

    /**
     * A change of one participant's zone history since its last player update: keep the first
     * {@code from} entries, then append {@code added} (usually one entry; several when they came within
     * one tick; none after a reset).
     */
    public record HistoryChange(int from, List<ZoneVisit> added) {
    }

    /** Starts from the race as stored (the flag, the status and the board of a fresh read). */
    public synchronized void seed(FinisherNames names, Leaderboard.Ranked board) {
        this.names = names;
        seed(board);
    }

    /** Merges a complete board read by a transaction that did not change anything. */
    public synchronized void seed(Leaderboard.Ranked ranked) {
        for (ParticipantView p : ranked.participants()) {
            merge(p, false, true);
        }
    }

    /**
     * Merges a committed change. Snapshots of concurrent transactions each miss the other's change,
     * so the room keeps, per participant, the view with the highest entity version and ranks the
     * merged set itself.
     */
    public synchronized void offer(RaceChanged change) {
        if (change.complete()) {
            Set<UUID> present = new HashSet<>();
            for (ParticipantView p : change.leaderboard().participants()) {
                present.add(p.id());
            }
            current.keySet().retainAll(present);
            historyFrom.keySet().retainAll(present);
        }
        for (ParticipantView p : change.leaderboard().participants()) {
            merge(p, false, false);
        }
        for (ParticipantView p : change.changed()) {
            merge(p, true, false);
        }
        boardDirty = true;
        if (change.status() != null) {
            RaceStatus status = RaceStatus.fromWire(change.status());
            names = new FinisherNames(names.showFinishedNames(), status);
            statusChanges.add(change.race());
            if (status == RaceStatus.RUNNING || status == RaceStatus.OPEN) {
                resendState = true;
            }
        }
    }

    /**
     * Keeps {@code p} unless the room holds a newer version; a view of one message's progress gets its
     * history from the kept one. Notes where the history changed, so the next player update carries
     * the entries from there on and not the whole list; {@code announce} puts it in that update. A
     * {@code baseline} read (what a new room starts from, what race_state shows) owes nobody the
     * history of a participant the room did not know.
     */
    private void merge(ParticipantView p, boolean announce, boolean baseline) {
        ParticipantView old = current.get(p.id());
        if (old != null && p.version() < old.version()) {
            return;
        }
        ParticipantView kept = p.zoneHistory() != null ? p
                : p.withHistory(appended(old == null ? null : old.zoneHistory(), p));
        current.put(p.id(), kept);
        List<ZoneVisit> after = kept.zoneHistory();
        int same;
        boolean changed;
        if (old != null) {
            same = commonPrefix(old.zoneHistory(), after);
            changed = same < old.zoneHistory().size() || same < after.size();
        } else {
            // New to the room: a read history is new as a whole; of a progress view only its own entry.
            same = p.zoneHistory() != null ? 0 : after.size() - (p.entered() == null ? 0 : 1);
            changed = !baseline && same < after.size();
        }
        if (changed) {
            historyFrom.merge(p.id(), same, Math::min);
        }
        if (announce) {
            players.remove(p.id());
            players.put(p.id(), kept);
        }
    }

    /** {@code base} cut to the view's count and, when it added one, ending with its entry (idempotent). */
    static List<ZoneVisit> appended(List<ZoneVisit> base, ParticipantView progress) {
        List<ZoneVisit> known = base == null ? List.of() : base;
        int keep = Math.min(known.size(), progress.entered() == null ? progress.zoneCount() : progress.zoneCount() - 1);
        List<ZoneVisit> history = new ArrayList<>(known.subList(0, Math.max(0, keep)));
        if (progress.entered() != null) {
            history.add(progress.entered());
        }
        return history;
    }

    private static int commonPrefix(List<ZoneVisit> a, List<ZoneVisit> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }

    public void modConnected(UUID participantId) {
        connected.computeIfAbsent(participantId, k -> new AtomicInteger()).incrementAndGet();
        connectionChanged(participantId);
    }

    public void modDisconnected(UUID participantId) {
        AtomicInteger n = connected.get(participantId);
        if (n != null) {
            n.decrementAndGet();
        }
        connectionChanged(participantId);
    }

    private synchronized void connectionChanged(UUID participantId) {
        ParticipantView p = current.get(participantId);
        if (p != null) {
            players.put(p.id(), p);
            boardDirty = true;
        }
    }

    /**
     * The mod sockets other nodes of a cluster hold, per participant (their sum over those nodes): a
     * participant whose count changed gets a player update, as for a connection here.
     */
    public void connectedElsewhere(Map<UUID, Integer> counts) {
        Map<UUID, Integer> before = connectedElsewhere;
        connectedElsewhere = Map.copyOf(counts);
        Set<UUID> touched = new HashSet<>(before.keySet());
        touched.addAll(counts.keySet());
        for (UUID participant : touched) {
            if (!java.util.Objects.equals(before.get(participant), counts.get(participant))) {
                connectionChanged(participant);
            }
        }
    }

    /**
     * Merges the stored board after this node took over the room's tick in a cluster: changes the
     * previous node merged but this one missed are in the database; mods get the board and spectators a
     * fresh race_state at the next tick, with versions above {@code shownVersion} (the last one the
     * cluster published), and both the race's status change {@code missed} when the cluster has not
     * published it yet (null when it has).
     */
    public synchronized void takeOver(Leaderboard.Ranked stored, long shownVersion, RaceInfo missed) {
        seed(stored);
        boardDirty = true;
        countDirty = true;
        resendState = true;
        if (missed != null) {
            names = new FinisherNames(names.showFinishedNames(), RaceStatus.fromWire(missed.status()));
            statusChanges.add(missed);
        }
        version.accumulateAndGet(shownVersion, Math::max);
    }

    public synchronized void spectatorsChanged() {
        countDirty = true;
        wholeNext = true;
    }

    /**
     * A spectator was just sent a race_state read from the database, which may be newer than what the
     * room sent last: the next player updates carry their participants whole again.
     */
    public synchronized void stateSent() {
        wholeNext = true;
    }

    /** The participant with whether its mod is connected now. */
    public ParticipantView live(ParticipantView p) {
        AtomicInteger n = connected.get(p.id());
        return p.withModConnected(n != null && n.get() > 0 || connectedElsewhere.getOrDefault(p.id(), 0) > 0);
    }

    public List<ParticipantView> live(List<ParticipantView> participants) {
        List<ParticipantView> live = new ArrayList<>(participants.size());
        for (ParticipantView p : participants) {
            live.add(live(p));
        }
        return live;
    }

    /** The last version sent (race_state carries it). */
    public long version() {
        return version.get();
    }

    public FinisherNames names() {
        return names;
    }

    /**
     * Takes what changed since the last tick. The full board is large (~30 KB with 100
     * participants): spectators get it only when what player updates do not carry changed (order,
     * membership, statuses, leader splits), at most once per {@code boardInterval}; a race status
     * change forces one. Mods get no player updates, so they get one per interval while anything moves.
     */
    public Tick flush(long nowNanos, long boardIntervalNanos) {
        List<RaceInfo> statuses;
        List<ParticipantView> changed;
        Map<UUID, HistoryChange> histories = new HashMap<>();
        Leaderboard.Ranked ranked = null;
        boolean toSpectators = false;
        boolean toMods = false;
        boolean count;
        boolean state;
        boolean whole;
        synchronized (this) {
            statuses = statusChanges.isEmpty() ? List.of() : List.copyOf(statusChanges);
            statusChanges.clear();
            List<ParticipantView> latest = players.isEmpty() ? List.of() : List.copyOf(players.values());
            players.clear();
            for (ParticipantView p : latest) {
                Integer from = historyFrom.remove(p.id());
                if (from != null) {
                    List<ZoneVisit> history = p.zoneHistory();
                    int start = Math.min(from, history.size());
                    histories.put(p.id(), new HistoryChange(start, List.copyOf(history.subList(start, history.size()))));
                }
            }
            if (boardDirty || shapePending || !latest.isEmpty()) {
                ranked = Leaderboard.rank(List.copyOf(current.values()));
            }
            // Player updates carry gap_ms from the merged board, so a client's gaps stay current.
            changed = ranked == null ? latest : withGaps(latest, ranked);
            if (ranked != null) {
                BoardShape shape = BoardShape.of(ranked);
                boolean shapeChanged = !shape.equals(shownShape);
                toSpectators = shapeChanged && (nowNanos - boardSentAt >= boardIntervalNanos || !statuses.isEmpty());
                toMods = toSpectators
                        || boardDirty && (nowNanos - modBoardSentAt >= boardIntervalNanos || !statuses.isEmpty());
                shapePending = shapeChanged && !toSpectators;
                if (toSpectators) {
                    shownShape = shape;
                    boardSentAt = nowNanos;
                }
                if (toMods) {
                    boardDirty = false;
                    modBoardSentAt = nowNanos;
                }
            }
            // At most one spectator_count per board interval: during a reconnect storm (thousands of
            // arrivals a second) a count every tick would be a frame to every spectator 20 times a second.
            count = countDirty && (!countSent || nowNanos - countSentAt >= boardIntervalNanos);
            if (count) {
                countDirty = false;
                countSent = true;
                countSentAt = nowNanos;
            }
            state = resendState;
            resendState = false;
            whole = wholeNext || state || !statuses.isEmpty();
            wholeNext = false;
        }
        changed = live(changed);
        Leaderboard.Ranked board = toMods ? new Leaderboard.Ranked(live(ranked.participants()), ranked.leaderSplits())
                : null;
        long stateVersion = version.get();
        long updatesVersion = changed.isEmpty() ? 0 : version.incrementAndGet();
        long boardVersion = toMods ? version.incrementAndGet() : 0;
        // Changed fields only, against what spectators were sent last; whole again after anything that may
        // have shown them something else (a race_state read from the database, a race status change that
        // changes whose names are hidden).
        if (whole) {
            shown.clear();
        }
        if (state) {
            shownVersion = stateVersion; // every spectator gets a fresh race_state first
        }
        long after = shownVersion;
        Map<UUID, ParticipantView> before = new HashMap<>();
        for (ParticipantView p : changed) {
            ParticipantView last = shown.put(p.id(), p);
            if (last != null) {
                before.put(p.id(), last);
            }
        }
        if (!changed.isEmpty()) {
            shownVersion = updatesVersion;
        }
        if (toSpectators) {
            for (ParticipantView p : board.participants()) {
                shown.put(p.id(), p);
            }
            shownVersion = boardVersion;
        }
        return new Tick(statuses, state, stateVersion, changed, histories, updatesVersion, board, boardVersion, toSpectators,
                toMods, count, names, before, after);
    }

    /** The changed participants with the gap_ms of the freshly ranked board. */
    static List<ParticipantView> withGaps(List<ParticipantView> changed, Leaderboard.Ranked ranked) {
        Map<UUID, Long> gaps = new HashMap<>();
        for (ParticipantView p : ranked.participants()) {
            gaps.put(p.id(), p.gapMs());
        }
        List<ParticipantView> withGaps = new ArrayList<>(changed.size());
        for (ParticipantView p : changed) {
            withGaps.add(p.withGap(gaps.get(p.id())));
        }
        return withGaps;
    }

    /**
     * The part of a leaderboard that player updates do not carry: order (and with it membership),
     * every participant's status, and the leader's splits. IGT, zone, deaths and gaps travel in
     * player updates; a client derives gaps of later updates from {@code leader_splits}.
     */
    record BoardShape(List<UUID> order, List<String> statuses, Map<Integer, Long> splits) {
        static BoardShape of(Leaderboard.Ranked ranked) {
            List<UUID> order = new ArrayList<>(ranked.participants().size());
            List<String> statuses = new ArrayList<>(ranked.participants().size());
            for (ParticipantView p : ranked.participants()) {
                order.add(p.id());
                statuses.add(p.status());
            }
            return new BoardShape(order, statuses, ranked.leaderSplits());
        }
    }
}
