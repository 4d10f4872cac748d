package io.paddock.platform.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import io.paddock.platform.cluster.Cluster;

/**
 * A generation number per entity class that moves on every committed insert, update or delete of that
 * class ({@link ChangeTracking} reports them), on every node of a cluster. A snapshot built from the
 * database (a rendered list, say) stays valid while the generations it was built at have not moved, so
 * readers pay for a query only after a change. A rolled-back change moves nothing.
 */
@ApplicationScoped
public class CommittedChanges {

    static final String TOPIC = "paddock.committed-changes";

    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    /** Looked up on first use: entity listeners reach this bean before resource injection can be relied on. */
    TransactionSynchronizationRegistry transactions;

    @Inject
    Cluster cluster;

    /** Other nodes' commits move this node's generations too. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (cluster.enabled()) {
            cluster.subscribe(TOPIC, message -> advanceHere((String) message));
        }
    }

    /** The current generation of {@code type}: equal numbers mean no committed change in between. */
    public long generation(Class<?> type) {
        AtomicLong generation = generations.get(type.getName());
        return generation == null ? 0 : generation.get();
    }

    /** Records a change of {@code type} in the current transaction: the generation moves once it commits. */
    public void changed(Class<?> type) {
        String name = type.getName();
        TransactionSynchronizationRegistry transactions = transactions();
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            advance(name);
            return;
        }
        String key = CommittedChanges.class.getName() + ':' + name;
        try {
            if (transactions.getResource(key) != null) {
                return; // one advance per class and transaction
            }
            transactions.putResource(key, Boolean.TRUE);
            // Entities are mostly written at commit, inside the persistence provider's own
            // beforeCompletion; the container still takes interposed synchronizations then.
            transactions.registerInterposedSynchronization(afterCommit(name));
        } catch (IllegalStateException tooLate) {
            advance(name);
        }
    }

    private TransactionSynchronizationRegistry transactions() {
        TransactionSynchronizationRegistry registry = transactions;
        if (registry == null) {
            try {
                registry = InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException e) {
                throw new IllegalStateException("The container's transaction registry is not available", e);
            }
            transactions = registry;
        }
        return registry;
    }

    private Synchronization afterCommit(String name) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    advance(name);
                }
            }
        };
    }

    private void advance(String name) {
        // At once here, so this node's next read sees the change; the topic brings it to the others
        // (and back here, which only moves the number once more).
        advanceHere(name);
        if (cluster.enabled()) {
            cluster.publish(TOPIC, name);
        }
    }

    private void advanceHere(String name) {
        generations.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }
}
