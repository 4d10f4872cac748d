package io.paddock.discord.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.paddock.discord.control.InternalEvents;
import io.paddock.discord.control.Rooms;

/**
 * Every ten seconds, removes race rooms whose grace period is over and forgets internal-event signatures
 * past their window. Not persistent: a missed run is harmless (the next one finds the same due rows), and
 * on a node without a ready bot the rooms part does nothing.
 */
@Singleton
public class RoomSweepTimer {

    @Inject
    Rooms rooms;

    @Inject
    InternalEvents internalEvents;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "discord room sweep")
    void sweep() {
        rooms.endDue();
        internalEvents.forgetOld();
    }
}
