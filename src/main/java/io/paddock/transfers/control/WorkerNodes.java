package io.paddock.transfers.control;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.identity.control.Caller;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.transfers.entity.NodeStatus;
import io.paddock.transfers.entity.TransferNode;

/**
 * The nodes that run a transfer engine ({@code transfer_nodes}). The node protocol is the database
 * every node already shares, not an endpoint: a node registers and heartbeats by writing its own row
 * (an upsert), so nobody outside the cluster's database credentials can pose as one. Admins cordon,
 * drain and uncordon nodes (audited); the leader declares a node dead once it has been silent past
 * {@code paddock.transfers.node.dead-after}, and its jobs go back to the queue in the same transaction.
 */
@Stateless
public class WorkerNodes {

    /** What a node says about itself at each heartbeat. */
    public record Heartbeat(String node, int activeJobs, int maxJobs, long diskFreeBytes, long downloadSpeed,
            long uploadSpeed, String version) {
    }

    /** A node as admins see it. */
    public record NodeView(String id, String status, int activeJobs, int maxJobs, long diskFreeBytes,
            long downloadSpeed, long uploadSpeed, String version, Instant registeredAt, Instant heartbeatAt,
            Instant statusChangedAt) {

        static NodeView of(TransferNode n) {
            return new NodeView(n.id(), n.status().wire(), n.activeJobs(), n.maxJobs(), n.diskFreeBytes(),
                    n.downloadSpeed(), n.uploadSpeed(), n.appVersion(), n.registeredAt(), n.heartbeatAt(),
                    n.statusChangedAt());
        }
    }

    // A dead node that heartbeats again is back (ACTIVE); a draining node that holds nothing is drained.
    private static final String HEARTBEAT = "INSERT INTO transfer_nodes (id, status, active_jobs, max_jobs,"
            + " disk_free_bytes, download_speed, upload_speed, app_version, registered_at, heartbeat_at,"
            + " status_changed_at) VALUES (?1, 'ACTIVE', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)"
            + " ON CONFLICT (id) DO UPDATE SET active_jobs = EXCLUDED.active_jobs, max_jobs = EXCLUDED.max_jobs,"
            + " disk_free_bytes = EXCLUDED.disk_free_bytes, download_speed = EXCLUDED.download_speed,"
            + " upload_speed = EXCLUDED.upload_speed, app_version = EXCLUDED.app_version,"
            + " heartbeat_at = EXCLUDED.heartbeat_at, status = " + next("transfer_nodes") + ","
            + " status_changed_at = CASE WHEN " + next("transfer_nodes") + " <> transfer_nodes.status"
            + " THEN EXCLUDED.heartbeat_at ELSE transfer_nodes.status_changed_at END,"
            + " version = CASE WHEN " + next("transfer_nodes") + " <> transfer_nodes.status"
            + " THEN transfer_nodes.version + 1 ELSE transfer_nodes.version END"
            + " RETURNING status";

    private static String next(String row) {
        return "(CASE WHEN " + row + ".status = 'DEAD' THEN 'ACTIVE' WHEN " + row + ".status = 'DRAINING'"
                + " AND EXCLUDED.active_jobs = 0 THEN 'DRAINED' ELSE " + row + ".status END)";
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobQueue queue;

    @Inject
    AuditTrail audit;

    /** Registers or refreshes this node's row; answers its status now. */
    public NodeStatus heartbeat(Heartbeat beat) {
        Object status = em.createNativeQuery(HEARTBEAT).setParameter(1, beat.node()).setParameter(2, beat.activeJobs())
                .setParameter(3, beat.maxJobs()).setParameter(4, beat.diskFreeBytes())
                .setParameter(5, beat.downloadSpeed()).setParameter(6, beat.uploadSpeed())
                .setParameter(7, beat.version()).setParameter(8, Timestamp.from(clock.instant())).getSingleResult();
        return NodeStatus.valueOf(status.toString());
    }

    /** The node's status, or null before its first heartbeat. */
    public NodeStatus status(String node) {
        List<?> rows = em.createNativeQuery("SELECT status FROM transfer_nodes WHERE id = ?1").setParameter(1, node)
                .getResultList();
        return rows.isEmpty() ? null : NodeStatus.valueOf(rows.get(0).toString());
    }

    /**
     * Declares dead every node silent for longer than {@code deadAfter} and returns its jobs to the
     * queue (also those of nodes found dead before, should any claim remain). Answers the nodes declared.
     */
    public List<String> sweepDead(Duration deadAfter) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object> dead = em.createNativeQuery("UPDATE transfer_nodes SET status = 'DEAD', status_changed_at = ?1,"
                + " version = version + 1 WHERE status <> 'DEAD' AND heartbeat_at < ?2 RETURNING id")
                .setParameter(1, Timestamp.from(now)).setParameter(2, Timestamp.from(now.minus(deadAfter)))
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object> holding = em.createNativeQuery("SELECT DISTINCT q.claimed_by FROM transfer_queue q"
                + " JOIN transfer_nodes n ON n.id = q.claimed_by WHERE q.state = 'CLAIMED' AND n.status = 'DEAD'")
                .getResultList();
        for (Object node : holding) {
            queue.release(node.toString());
        }
        return dead.stream().map(Object::toString).toList();
    }

    public List<NodeView> list() {
        return em.createNamedQuery(TransferNode.ALL, TransferNode.class).getResultList().stream().map(NodeView::of)
                .toList();
    }

    /** What an admin does to a node; its wire name ends the endpoint's path and the audit action. */
    public enum NodeOperation {
        /** No new jobs; those it holds go on. */
        CORDON,
        /** No new jobs; it finishes those it holds, then stops (drained). */
        DRAIN,
        /** A cordoned, draining or drained node takes new jobs again. */
        UNCORDON;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The operation of that wire name, or null. */
        public static NodeOperation of(String wire) {
            for (NodeOperation operation : values()) {
                if (operation.wire().equals(wire)) {
                    return operation;
                }
            }
            return null;
        }
    }

    /** Cordons, drains or uncordons the node (audited); answers it as it is now. */
    public NodeView change(Caller actor, String nodeId, NodeOperation operation, Justification why) {
        TransferNode node = em.find(TransferNode.class, nodeId);
        if (node == null) {
            throw new ResourceNotFoundException("node-not-found", "Node not found",
                    "No transfer node " + nodeId + " has registered.");
        }
        String before = node.status().wire();
        Instant now = clock.instant();
        switch (operation) {
            case CORDON -> node.cordon(now);
            case DRAIN -> node.drain(now);
            case UNCORDON -> node.uncordon(now);
        }
        audit.record(new AuditTrail.Actor(actor.userId(), actor.displayName()),
                AuditTrail.Action.of("transfers.node." + operation.wire(), "node", nodeId).change("status=" + before,
                        "status=" + node.status().wire()), why);
        return NodeView.of(node);
    }
}
