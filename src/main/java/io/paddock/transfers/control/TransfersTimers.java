package io.paddock.transfers.control;

import java.time.Duration;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At startup, resumes the jobs that were running (the engine verifies what is on disk and fetches the
 * rest); then, every hour, retention, the orphan sweep and the pruning of old events. The timers are
 * not persistent: a missed run is simply done at the next hour, and every node may run them (each run
 * only removes what is already expired or orphaned).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class TransfersTimers {

    private static final Logger LOG = Logger.getLogger(TransfersTimers.class.getName());

    @Inject
    JobRunner runner;

    @Inject
    Housekeeping housekeeping;

    @Inject
    @ConfigProperty(name = "paddock.transfers.event-retention", defaultValue = "PT24H")
    Duration eventRetention;

    @PostConstruct
    void resume() {
        int resumed = runner.resumeAll();
        if (resumed > 0) {
            LOG.info("Resumed " + resumed + " transfer job(s).");
        }
    }

    @Schedule(hour = "*", minute = "17", persistent = false)
    void hourly() {
        housekeeping.expire();
        housekeeping.sweep();
        housekeeping.pruneEvents(eventRetention);
    }
}
