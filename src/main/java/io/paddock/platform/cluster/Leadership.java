package io.paddock.platform.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.persistence.PaddockDataSource;

/**
 * Which node does the once-per-cluster work: the timers (race clock, seed pool scan, cleanups) and the
 * race rooms' tick. Alone, this node always leads and nothing is written anywhere. In a cluster, the
 * leader is the holder of a lease in the database ({@code cluster_leases}), taken when it is free or
 * expired and renewed every third of {@code paddock.cluster.lease}. A holder that dies (killed, cut off
 * from the database) stops renewing; another node takes the lease once it has expired, so the work
 * moves within one lease plus one renewal period. A holder that cannot renew stops leading on its own
 * before its lease can expire, so two nodes never lead at once while each reaches the database. A node
 * that stops cleanly gives the lease up at once.
 *
 * <p>The lease lives in PostgreSQL (the one source of truth), not in the data grid: it does not depend
 * on the grid noticing a member's death, and a split grid still has one leader. Times are the
 * database's clock. The renewal timer is not persistent: it exists only while this node runs.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());
    static final String LEASE = "leader";

    private static final String TAKE = "INSERT INTO cluster_leases (name, holder, acquired_at, expires_at)"
            + " VALUES (?, ?, now(), now() + ? * interval '1 millisecond')"
            + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,"
            + " acquired_at = CASE WHEN cluster_leases.holder = EXCLUDED.holder THEN cluster_leases.acquired_at"
            + " ELSE EXCLUDED.acquired_at END"
            + " WHERE cluster_leases.holder = EXCLUDED.holder OR cluster_leases.expires_at < now()"
            + " RETURNING holder";
    private static final String GIVE_UP = "UPDATE cluster_leases SET expires_at = now() - interval '1 millisecond'"
            + " WHERE name = ? AND holder = ?";

    @Inject
    Cluster cluster;

    @Inject
    @ConfigProperty(name = "paddock.cluster.lease", defaultValue = "PT10S")
    Duration lease;

    @Resource(lookup = PaddockDataSource.JNDI_NAME)
    DataSource dataSource;

    @Resource
    TimerService timers;

    /** How many times this node became the leader; work taken over once per term. */
    private final java.util.concurrent.atomic.AtomicLong terms = new java.util.concurrent.atomic.AtomicLong();
    private String holder;
    /** System.nanoTime() until which this node may act as leader; 0 = not leading. */
    private volatile long leadingUntil;
    private volatile boolean wasLeading;
    /** Gives the lease up when the JVM stops (SIGTERM): Payara Micro stops without undeploying first. */
    private final Thread release = new Thread(this::giveUpQuietly, "paddock-lease-release");

    @PostConstruct
    void start() {
        if (!cluster.enabled()) {
            return;
        }
        holder = cluster.nodeName() + "/" + cluster.nodeId();
        long renewMs = Math.max(100, lease.toMillis() / 3);
        renew();
        timers.createIntervalTimer(renewMs, renewMs, new TimerConfig("cluster lease", false));
        Runtime.getRuntime().addShutdownHook(release);
    }

    /** Whether this node does the once-per-cluster work now (always, alone). */
    public boolean leading() {
        if (!cluster.enabled()) {
            return true;
        }
        return leadingUntil != 0 && System.nanoTime() - leadingUntil < 0;
    }

    /**
     * This node's current term as leader: it grows each time the node becomes the leader, so work that
     * must be taken over (a race room's state and versions) is taken over once per term.
     */
    public long term() {
        return terms.get();
    }

    /** The lease's holder as stored ("name/node id"), when clustering is on. */
    public String holder() {
        return holder;
    }

    @Timeout
    void renew() {
        long before = System.nanoTime();
        boolean held = false;
        try (Connection c = dataSource.getConnection(); PreparedStatement take = c.prepareStatement(TAKE)) {
            take.setString(1, LEASE);
            take.setString(2, holder);
            take.setLong(3, lease.toMillis());
            try (ResultSet rs = take.executeQuery()) {
                held = rs.next();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster lease not renewed (this node stops leading when it runs out): " + e);
            held = false;
            if (leading()) {
                return; // the lease still runs; the next renewal may succeed
            }
        }
        // Counted from before the statement: the database's expiry is later than this node's.
        leadingUntil = held ? before + lease.toNanos() - Math.max(1, lease.toNanos() / 10) : 0;
        if (held && !wasLeading) {
            wasLeading = true;
            terms.incrementAndGet();
            LOG.info(() -> "Cluster: " + holder + " leads (timers and race rooms run here).");
        } else if (!held && wasLeading) {
            wasLeading = false;
            LOG.warning(() -> "Cluster: " + holder + " no longer leads.");
        }
    }

    @PreDestroy
    void giveUp() {
        if (!cluster.enabled()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(release);
        } catch (IllegalStateException e) {
            // the JVM is stopping: the hook gives the lease up
        }
        giveUpQuietly();
    }

    private void giveUpQuietly() {
        if (leadingUntil == 0) {
            return;
        }
        leadingUntil = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement give = c.prepareStatement(GIVE_UP)) {
            give.setString(1, LEASE);
            give.setString(2, holder);
            give.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Cluster lease not given up (it expires on its own)", e);
        }
    }
}
