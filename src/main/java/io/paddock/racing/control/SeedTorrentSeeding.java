package io.paddock.racing.control;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Every minute, and at startup, makes this node seed the torrents of the seeds whose races hand out packs
 * and stop seeding the others ({@link SeedTorrents#reconcile}). Every node runs it (each seeds from its own
 * engine; nothing is shared but the database rows it reads). Not persistent: a missed minute is caught up
 * by the next one, and the database, not the timer, says what to seed.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class SeedTorrentSeeding {

    private static final Logger LOG = Logger.getLogger(SeedTorrentSeeding.class.getName());

    @Inject
    SeedTorrents torrents;

    @PostConstruct
    void atStartup() {
        everyMinute();
    }

    @Schedule(minute = "*", hour = "*", persistent = false, info = "seed torrents")
    void everyMinute() {
        try {
            torrents.reconcile();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Seeding the race seeds' torrents failed", e);
        }
    }
}
