package io.paddock.identity.boundary;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.paddock.identity.control.IdentityHousekeeping;
import io.paddock.platform.cluster.Leadership;

/**
 * Every ten minutes, removes expired identity rows. Not persistent: a missed run is harmless (the
 * next one catches up, and expired credentials are refused whether or not their rows exist). In a
 * cluster only the leading node runs it ({@link Leadership}); the deletes are idempotent anyway.
 */
@Singleton
public class IdentityCleanupTimer {

    private static final Logger LOG = Logger.getLogger(IdentityCleanupTimer.class.getName());

    @Inject
    IdentityHousekeeping housekeeping;

    @Inject
    Leadership leadership;

    @Schedule(minute = "*/10", hour = "*", persistent = false, info = "identity cleanup")
    void purge() {
        if (!leadership.leading()) {
            return;
        }
        Map<String, Integer> deleted = housekeeping.purge();
        LOG.log(deleted.values().stream().anyMatch(n -> n > 0) ? Level.INFO : Level.FINE,
                () -> "Identity cleanup deleted " + deleted);
    }
}
