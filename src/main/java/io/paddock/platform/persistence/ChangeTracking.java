package io.paddock.platform.persistence;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Entity listener ({@code @EntityListeners(ChangeTracking.class)}) that reports every insert, update and
 * delete of the entity to {@link CommittedChanges}, which counts it once the transaction commits.
 */
public class ChangeTracking {

    @Inject
    CommittedChanges changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        changes.changed(entity.getClass());
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
            changes.changed(entity.getClass());
        }
    }
}
