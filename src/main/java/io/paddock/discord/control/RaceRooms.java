package io.paddock.discord.control;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.paddock.racing.control.RaceChanged;

/**
 * A race's voice room follows its status, after racing's commit: countdown (or running, when no room
 * was opened yet) opens it; finished, or a reset back to setup, starts its grace period. Discord is
 * called on a managed executor, never on racing's thread.
 */
@ApplicationScoped
public class RaceRooms {

    private static final Logger LOG = Logger.getLogger(RaceRooms.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    Rooms rooms;

    @Inject
    BotSettings settings;

    void raceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RaceChanged change) {
        String status = change.status();
        if (status == null || !settings.botConfigured() || settings.mode() != BotSettings.Mode.BOT) {
            return;
        }
        switch (status) {
            case "countdown", "running" -> executor.execute(() -> quietly(
                    () -> rooms.openForRace(change.raceId(), change.race().name()), change));
            case "finished", "cancelled", "open", "draft" -> executor.execute(() -> quietly(
                    () -> rooms.raceOver(change.raceId()), change));
            default -> {
                // nothing to do
            }
        }
    }

    private static void quietly(Runnable work, RaceChanged change) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The voice room of race " + change.raceId() + " could not follow its status "
                    + change.status(), e);
        }
    }
}
