package io.paddock.discord.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.junit.jupiter.api.Test;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.cluster.Leadership;
import io.paddock.racing.control.RaceChanged;
import io.paddock.racing.control.RaceInfo;

/**
 * Race rooms once per cluster: a race changed on any node reaches the room logic of the node holding
 * the lease only (through the cluster topic, here a loopback of two nodes); alone, a node acts at once.
 */
class RaceRoomsTest {

    /** Two nodes' subscribers on one loopback topic. */
    static final class Grid {
        final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();

        Cluster node() {
            return new Cluster() {
                @Override
                public boolean enabled() {
                    return true;
                }

                @Override
                public void publish(String topic, Serializable message) {
                    assertEquals(RaceRooms.TOPIC, topic);
                    listeners.forEach(l -> l.accept(message));
                }

                @Override
                public void subscribe(String topic, Consumer<Object> listener) {
                    listeners.add(listener);
                }
            };
        }
    }

    final List<String> calls = new ArrayList<>();

    RaceRooms node(String name, Cluster cluster, boolean leading) {
        BotSettings settings = new BotSettings();
        settings.token = Optional.of("token");
        settings.guildId = Optional.of("1");
        settings.mode = "bot";
        RaceRooms rooms = new RaceRooms();
        rooms.settings = settings;
        rooms.cluster = cluster;
        rooms.leadership = new Leadership() {
            @Override
            public boolean leading() {
                return leading;
            }
        };
        rooms.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        ((Runnable) args[0]).run();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        rooms.rooms = new Rooms() {
            @Override
            public void openForRace(UUID raceId, String raceName) {
                calls.add(name + " open " + raceName);
            }

            @Override
            public void raceOver(UUID raceId) {
                calls.add(name + " over");
            }
        };
        rooms.atStartup(new Object());
        return rooms;
    }

    static RaceChanged change(String status) {
        UUID id = UUID.randomUUID();
        return new RaceChanged(id, new RaceInfo(id, "Sunday", status, null, null, null), List.of(), null, status,
                false);
    }

    @Test
    void onlyTheLeadingNodeActsOnRacesChangedAnywhere() {
        Grid grid = new Grid();
        RaceRooms leader = node("a", grid.node(), true);
        RaceRooms follower = node("b", grid.node(), false);
        follower.raceChanged(change("countdown"));
        leader.raceChanged(change("running"));
        follower.raceChanged(change("finished"));
        follower.raceChanged(change("paused-or-unknown"));
        assertEquals(List.of("a open Sunday", "a open Sunday", "a over"), calls);
    }

    @Test
    void aNodeAloneActsAtOnce() {
        Cluster alone = new Cluster() {
            @Override
            public boolean enabled() {
                return false;
            }
        };
        RaceRooms rooms = node("solo", alone, true);
        rooms.raceChanged(change("countdown"));
        rooms.raceChanged(change("draft"));
        assertEquals(List.of("solo open Sunday", "solo over"), calls);
    }
}
