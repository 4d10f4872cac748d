package io.paddock.racing.control;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Leadership;

/**
 * Starts races at their scheduled time and abandons inactive participants. Deliberately NOT a
 * persistent timer per race: Payara Micro keeps persistent EJB timers in its Hazelcast grid, which a
 * restart of a single instance loses. Instead a non-persistent tick every second reads due races from
 * the database, and {@link #catchUp()} runs the same check at startup, so a start that fell while the
 * server was down happens as soon as it is back. In a cluster only the leading node ticks
 * ({@link Leadership}): another node takes over within one lease when the leader dies.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RaceClock {

    private static final Logger LOG = Logger.getLogger(RaceClock.class.getName());

    @Inject
    RaceClockWork work;

    @Inject
    Leadership leadership;

    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

    @PostConstruct
    public void catchUp() {
        if (leadership.leading()) {
            startDue();
        }
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "race clock")
    void tick() {
        if (!leadership.leading()) {
            return;
        }
        // A slow tick (busy database) is skipped rather than queued behind itself.
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            startDue();
            abandonInactive();
        } finally {
            busy.set(false);
        }
    }

    public int startDue() {
        int started = 0;
        try {
            for (UUID raceId : work.due()) {
                try {
                    if (work.begin(raceId)) {
                        started++;
                        LOG.info("Race " + raceId + " is running.");
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not start race " + raceId + " (retried next second): " + e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Race clock could not read due races", e);
        }
        return started;
    }

    public void abandonInactive() {
        try {
            for (UUID participantId : work.inactive()) {
                try {
                    work.abandon(participantId);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Could not abandon " + participantId + " (retried): " + e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Race clock could not read inactive participants", e);
        }
    }
}
