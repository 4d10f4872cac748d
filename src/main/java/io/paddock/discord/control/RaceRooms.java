package io.paddock.discord.control;

import java.io.Serializable;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.cluster.Leadership;
import io.paddock.racing.control.RaceChanged;

/**
 * A race's voice room follows its status, after racing's commit: countdown (or running, when no room
 * was opened yet) opens it; finished, cancelled, or a reset back to setup, starts its grace period. Discord is
 * called on a managed executor, never on racing's thread.
 * <p>
 * Once per cluster: only the node holding the lease ({@link Leadership}) holds the bot's session, so
 * only it acts. A race may change on any node: in a cluster each change is sent on a topic of the data
 * grid and the leading node acts on what it receives; alone, this node acts at once.
 */
@ApplicationScoped
public class RaceRooms {

    private static final Logger LOG = Logger.getLogger(RaceRooms.class.getName());
    static final String TOPIC = "paddock.discord.race-rooms";

    /** What a race's room must follow: its new status (and its name, to open one). */
    record Cue(UUID raceId, String raceName, String status) implements Serializable {
    }

    @Resource
    ManagedExecutorService executor;

    @Inject
    Rooms rooms;

    @Inject
    BotSettings settings;

    @Inject
    Cluster cluster;

    @Inject
    Leadership leadership;

    /** Listens from startup: the leading node acts on races changed anywhere. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (cluster.enabled() && acting()) {
            cluster.subscribe(TOPIC, message -> {
                if (message instanceof Cue cue && leadership.leading()) {
                    follow(cue);
                }
            });
        }
    }

    void raceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RaceChanged change) {
        String status = change.status();
        if (status == null || !acting()) {
            return;
        }
        Cue cue = switch (status) {
            case "countdown", "running" -> new Cue(change.raceId(), change.race().name(), status);
            case "finished", "cancelled", "open", "draft" -> new Cue(change.raceId(), null, status);
            default -> null;
        };
        if (cue == null) {
            return;
        }
        if (cluster.enabled()) {
            cluster.publish(TOPIC, cue);
        } else {
            follow(cue);
        }
    }

    /** Whether this node's configuration opens race rooms at all (a hub or a node without a bot does not). */
    private boolean acting() {
        return settings.botConfigured() && settings.mode() == BotSettings.Mode.BOT;
    }

    private void follow(Cue cue) {
        if (cue.raceName() != null) {
            executor.execute(() -> quietly(() -> rooms.openForRace(cue.raceId(), cue.raceName()), cue));
        } else {
            executor.execute(() -> quietly(() -> rooms.raceOver(cue.raceId()), cue));
        }
    }

    private static void quietly(Runnable work, Cue cue) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The voice room of race " + cue.raceId() + " could not follow its status "
                    + cue.status(), e);
        }
    }
}
