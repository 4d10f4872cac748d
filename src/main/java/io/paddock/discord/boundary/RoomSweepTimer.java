package io.paddock.discord.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.paddock.discord.control.InternalEvents;
import io.paddock.discord.control.Rooms;
import io.paddock.platform.cluster.Leadership;

/**
 * Every ten seconds, removes race rooms whose grace period is over and forgets internal-event signatures
 * past their window. Once per cluster: only the node holding the lease ({@link Leadership}, which also
 * holds the bot's session) sweeps; alone, this node always does. Not persistent: a missed run is harmless
 * (the next one, here or on the next leader, finds the same due rows), and on a node without a ready bot
 * the rooms part does nothing.
 */
@Singleton
public class RoomSweepTimer {

    @Inject
    Rooms rooms;

    @Inject
    InternalEvents internalEvents;

    @Inject
    Leadership leadership;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "discord room sweep")
    void sweep() {
        if (!leadership.leading()) {
            return;
        }
        rooms.endDue();
        internalEvents.forgetOld();
    }
}
