package io.paddock.racing.control;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Leadership;

/**
 * Scans the seed pools every minute and on demand; the singleton's write lock keeps the timer and an
 * admin's scan from running at once. The timer is not persistent: a missed scan is simply done by the
 * next one, and the database (not the timer) is what remembers seeds. In a cluster only the leading
 * node scans on schedule ({@link Leadership}); an admin's scan runs where it is asked.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class SeedPoolScanner {

    private static final Logger LOG = Logger.getLogger(SeedPoolScanner.class.getName());

    @Inject
    SeedPool pool;

    @Inject
    Leadership leadership;

    @jakarta.annotation.PostConstruct
    void atStartup() {
        everyMinute();
    }

    @Schedule(minute = "*", hour = "*", persistent = false, info = "seed pool scan")
    void everyMinute() {
        if (!leadership.leading()) {
            return;
        }
        try {
            pool.scan();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Seed pool scan failed", e);
        }
    }

    public SeedPool.ScanReport scanNow() {
        return pool.scan();
    }
}
