package io.paddock.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.platform.cluster.Cluster;

class CommittedChangesTest {

    /** One transaction at a time, completed by the test. */
    static final class FakeTransactions implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();

        void begin() {
            status = Status.STATUS_ACTIVE;
        }

        void complete(int outcome) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            status = Status.STATUS_NO_TRANSACTION;
            synchronizations.forEach(s -> s.afterCompletion(outcome));
            synchronizations.clear();
            resources.clear();
        }

        @Override public Object getTransactionKey() { return status == Status.STATUS_ACTIVE ? this : null; }
        @Override public void putResource(Object key, Object value) { resources.put(key, value); }
        @Override public Object getResource(Object key) { return resources.get(key); }
        @Override public void registerInterposedSynchronization(Synchronization sync) { synchronizations.add(sync); }
        @Override public int getTransactionStatus() { return status; }
        @Override public void setRollbackOnly() { }
        @Override public boolean getRollbackOnly() { return false; }
    }

    /** A node without cluster settings. */
    static final class Alone extends Cluster {
        @Override
        public boolean enabled() {
            return false;
        }
    }

    FakeTransactions transactions;
    CommittedChanges changes;

    @BeforeEach
    void setUp() {
        transactions = new FakeTransactions();
        changes = new CommittedChanges();
        changes.transactions = transactions;
        changes.cluster = new Alone();
    }

    @Test
    void aChangeCountsOnceItsTransactionCommitsAndOncePerTransaction() {
        transactions.begin();
        changes.changed(String.class);
        changes.changed(String.class);
        assertEquals(0, changes.generation(String.class), "nothing is committed yet");
        transactions.complete(Status.STATUS_COMMITTED);
        assertEquals(1, changes.generation(String.class));
        assertEquals(0, changes.generation(Integer.class), "other classes keep their generation");
    }

    @Test
    void aRolledBackChangeMovesNothing() {
        transactions.begin();
        changes.changed(String.class);
        transactions.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(0, changes.generation(String.class));
    }

    @Test
    void aChangeOutsideATransactionCountsAtOnce() {
        changes.changed(String.class);
        assertEquals(1, changes.generation(String.class));
    }
}
