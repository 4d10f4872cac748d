package io.paddock.platform.persistence;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Entity listener ({@code @EntityListeners(ChangeTracking.class)}) that reports every insert, update and
 * delete of the entity to {@link CommittedChanges}, which counts it once the transaction commits.
 */
public class ChangeTracking {

    /** Injected when the persistence provider creates its listeners through CDI; looked up otherwise. */
    @Inject
    CommittedChanges changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        changes = report(changes, entity);
    }

    /**
     * Inserts and deletes only, for an entity whose rows change often but whose readers' snapshots only
     * count them (a participant's progress moves many times a second during a race; a race list only
     * shows how many there are).
     */
    public static class InsertsAndDeletes {

        @Inject
        CommittedChanges changes;

        @PostPersist
        @PostRemove
        void changed(Object entity) {
            changes = report(changes, entity);
        }
    }

    /**
     * Reports the change and answers the bean to keep: whether the persistence provider injects its
     * listeners depends on when it was started (not in every deployment), so a listener without one
     * asks CDI once.
     */
    static CommittedChanges report(CommittedChanges known, Object entity) {
        CommittedChanges changes = known != null ? known : CDI.current().select(CommittedChanges.class).get();
        changes.changed(entity.getClass());
        return changes;
    }
}
