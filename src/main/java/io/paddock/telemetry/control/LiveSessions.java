package io.paddock.telemetry.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Cluster;

import io.paddock.telemetry.entity.TelemetrySession;

/**
 * The heartbeat path's working memory: per installation, its current session as the heartbeats left it
 * (loaded once from the database, then kept up to date in memory) and the signatures it sent within the
 * replay window. Decisions (rate limit, stale, static) are made here under the installation's lock, so
 * the database only receives writes, in batches ({@link HeartbeatWriter}).
 * <p>
 * The database stays the truth: an entry is dropped when its installation has been idle for a while,
 * when a write of it failed, or when a result closed its session, and is read back on next use.
 * <p>
 * In a cluster the load balancer sends one installation's requests to one node (hashing
 * {@code X-Paddock-Installation}; docs/operations.md), so this memory stays the only one deciding for
 * it. When a node joins or leaves, that hashing moves installations between nodes: every node then
 * forgets what it holds, and each installation's next heartbeat reads its session from the database on
 * whichever node it lands.
 */
@ApplicationScoped
public class LiveSessions {

    /** Signatures remembered per installation; older ones are still refused by the database's memory. */
    private static final int REMEMBERED_SIGNATURES = 64;

    @Inject
    Heartbeats heartbeats;

    @Inject
    Cluster cluster;

    private final ConcurrentHashMap<UUID, Live> live = new ConcurrentHashMap<>();

    /** A result closed this session; an AFTER_SUCCESS observer so a rolled-back submission changes nothing. */
    public record SessionClosed(UUID installationId) {
    }

    /** One installation's state. Every field is guarded by the object's monitor. */
    static final class Live {
        final UUID installationId;
        boolean loaded;
        boolean dropped;
        int pendingWrites;
        Session session;
        private final ArrayDeque<String> signatures = new ArrayDeque<>();
        private final ArrayDeque<Instant> signedAt = new ArrayDeque<>();

        Live(UUID installationId) {
            this.installationId = installationId;
        }

        /** False when this exact signature was already seen from this installation within the window. */
        boolean firstSight(String signature, Instant now, Duration window) {
            while (!signedAt.isEmpty() && Duration.between(signedAt.peekFirst(), now).compareTo(window) > 0) {
                signedAt.removeFirst();
                signatures.removeFirst();
            }
            if (signatures.contains(signature)) {
                return false;
            }
            if (signatures.size() == REMEMBERED_SIGNATURES) {
                signatures.removeFirst();
                signedAt.removeFirst();
            }
            signatures.addLast(signature);
            signedAt.addLast(now);
            return true;
        }
    }

    /** A session as the heartbeat path sees it: the values a heartbeat is checked against, and its counters. */
    static final class Session {
        final UUID id;
        final UUID userId;
        final Instant startedAt;
        boolean closed;
        Instant lastHeartbeatAt;
        Instant lastAcceptedAt;
        Double lastSpeed;
        Double lastRpm;
        Integer lastGear;
        Integer lastPosition;
        Double lastSessionTime;
        int heartbeats;
        int staticHeartbeats;

        Session(UUID id, UUID userId, Instant startedAt) {
            this.id = id;
            this.userId = userId;
            this.startedAt = startedAt;
            this.lastHeartbeatAt = startedAt;
        }

        static Session of(TelemetrySession s) {
            Session session = new Session(s.id(), s.userId(), s.startedAt());
            session.closed = s.closed();
            session.lastHeartbeatAt = s.lastHeartbeatAt();
            session.lastAcceptedAt = s.lastAcceptedAt();
            session.lastSpeed = s.lastSpeed();
            session.lastRpm = s.lastRpm();
            session.lastGear = s.lastGear();
            session.lastPosition = s.lastPosition();
            session.lastSessionTime = s.lastSessionTime();
            session.heartbeats = s.heartbeats();
            session.staticHeartbeats = s.staticHeartbeats();
            return session;
        }

        boolean staleAt(Instant now, Duration gap) {
            return Duration.between(lastHeartbeatAt, now).compareTo(gap) > 0;
        }

        boolean hasSnapshot() {
            return lastSpeed != null;
        }
    }

    /**
     * Runs {@code work} under the installation's lock with its state loaded. A state dropped meanwhile
     * (idle, failed write) is replaced by a fresh one read from the database.
     */
    <T> T withLive(UUID installationId, Function<Live, T> work) {
        while (true) {
            Live entry = live.computeIfAbsent(installationId, Live::new);
            synchronized (entry) {
                if (entry.dropped) {
                    continue;
                }
                if (!entry.loaded) {
                    entry.session = heartbeats.latestSession(installationId).map(Session::of).orElse(null);
                    entry.loaded = true;
                }
                return work.apply(entry);
            }
        }
    }

    /** A write of this installation finished (stored or not). */
    void written(UUID installationId, Live entry, boolean stored) {
        synchronized (entry) {
            entry.pendingWrites--;
            if (!stored) {
                drop(entry);
            }
        }
    }

    /** Forget what memory holds about an installation: the next heartbeat reads its session again. */
    public void forget(UUID installationId) {
        Live entry = live.get(installationId);
        if (entry != null) {
            synchronized (entry) {
                drop(entry);
            }
        }
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (cluster != null && cluster.enabled()) {
            cluster.onMembers(node -> forgetAll(), node -> forgetAll());
        }
    }

    /** Forgets every installation (the cluster's members changed). */
    public void forgetAll() {
        for (Live entry : live.values()) {
            synchronized (entry) {
                drop(entry);
            }
        }
    }

    void onSessionClosed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionClosed closed) {
        forget(closed.installationId());
    }

    /** Drops installations idle for longer than {@code idle} with no write in flight; returns how many. */
    public int evictIdle(Instant now, Duration idle) {
        int evicted = 0;
        for (Live entry : live.values()) {
            synchronized (entry) {
                boolean idleSession = entry.session == null || entry.session.staleAt(now, idle);
                if (entry.loaded && entry.pendingWrites == 0 && idleSession) {
                    drop(entry);
                    evicted++;
                }
            }
        }
        return evicted;
    }

    private void drop(Live entry) {
        entry.dropped = true;
        live.remove(entry.installationId, entry);
    }
}
