package io.paddock.identity.control;

import java.io.Serializable;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.websocket.ChannelHub;

/**
 * Which accounts are suspended, held in memory on every node so that each request checks a set rather
 * than the database (access tokens are stateless JWTs). The database is the truth: each node loads the
 * suspended ids at startup ({@link SuspensionsAtStartup}); a suspension or restore, once committed, is
 * applied here at once and, in a cluster, published on a topic every node applies. Applying a suspension
 * also closes the account's open sockets on that node.
 */
@ApplicationScoped
public class Suspensions {

    private static final Logger LOG = Logger.getLogger(Suspensions.class.getName());
    static final String TOPIC = "paddock.identity.suspensions";
    /** The WebSocket close code of a socket whose account was suspended. */
    public static final int CLOSE_CODE = 4005;

    /** A committed suspension ({@code suspended}) or restore of an account. */
    public record Changed(UUID userId, boolean suspended) implements Serializable {
    }

    @Inject
    Cluster cluster;

    @Inject
    ChannelHub hub;

    private final Set<UUID> suspended = ConcurrentHashMap.newKeySet();

    /** Whether the account is suspended (a set lookup: called on every authenticated request). */
    public boolean suspended(UUID userId) {
        return userId != null && !suspended.isEmpty() && suspended.contains(userId);
    }

    /** Refuses a sign-in or token refresh of a suspended account. */
    public void requireActive(UUID userId) {
        if (suspended(userId)) {
            throw accountSuspended();
        }
    }

    public static AccessDeniedException accountSuspended() {
        return new AccessDeniedException("account-suspended", "Account suspended",
                "This account is suspended by the Paddock staff; contact support to have it restored.");
    }

    /** The database's suspended ids, at startup; listens to the other nodes from then on. */
    void loaded(Collection<UUID> ids) {
        if (cluster.enabled()) {
            cluster.subscribe(TOPIC, message -> apply((Changed) message));
        }
        suspended.addAll(ids);
        LOG.info(() -> ids.size() + " suspended account(s) loaded.");
    }

    /** After commit: this node applies the change at once, and every other node through the topic. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed change) {
        apply(change);
        if (cluster.enabled()) {
            cluster.publish(TOPIC, change);
        }
    }

    void apply(Changed change) {
        if (change.suspended()) {
            suspended.add(change.userId());
            hub.closeOwnedBy(change.userId().toString(), CLOSE_CODE, "account suspended");
        } else {
            suspended.remove(change.userId());
        }
    }
}
