package io.paddock.discord.control;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Cluster;
import io.paddock.platform.cluster.Leadership;

/**
 * Who is in which voice channel: filled from the guild's voice states when the bot's session starts,
 * then kept by every {@code voice.joined}/{@code voice.left} (the bot's own or a worker's). Members are
 * kept in joining order.
 * <p>
 * In a cluster the bot's session runs on one node, but any node answers a race's room with who is in
 * it: each change is sent on a topic of the data grid and every node, this one included, applies it in
 * the order it was sent. When a node joins, the leading node sends it everything it holds.
 */
@ApplicationScoped
public class Presence {

    static final String TOPIC = "paddock.discord.presence";

    /** A Discord user in a voice channel. */
    public record Member(String userId, String name) implements Serializable {
    }

    /** A change of presence, as it travels between nodes. */
    sealed interface Change extends Serializable {
    }

    record Joined(String channelId, String userId, String name) implements Change {
    }

    record Left(String userId) implements Change {
    }

    record Gone(String channelId) implements Change {
    }

    record Everything(Map<String, List<Member>> voiceStates) implements Change {
    }

    @Inject
    Cluster cluster;

    @Inject
    Leadership leadership;

    private final Map<String, Map<String, Member>> channels = new ConcurrentHashMap<>();

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (clustered()) {
            cluster.subscribe(TOPIC, message -> {
                if (message instanceof Change change) {
                    apply(change);
                }
            });
            cluster.onMembers(node -> {
                if (leadership.leading()) {
                    cluster.publish(TOPIC, new Everything(snapshot()));
                }
            }, node -> {
                // what a node held of presence was the cluster's, not its own
            });
        }
    }

    private boolean clustered() {
        return cluster != null && cluster.enabled();
    }

    public void joined(String channelId, String userId, String name) {
        change(new Joined(channelId, userId, name));
    }

    public void left(String userId) {
        change(new Left(userId));
    }

    public void channelGone(String channelId) {
        change(new Gone(channelId));
    }

    /** Replaces everything with the guild's voice states (channel → members), at the start of a session. */
    public void replaceAll(Map<String, List<Member>> voiceStates) {
        Map<String, List<Member>> copy = new LinkedHashMap<>();
        voiceStates.forEach((channel, members) -> copy.put(channel, new ArrayList<>(members)));
        change(new Everything(copy));
    }

    private void change(Change change) {
        if (clustered()) {
            cluster.publish(TOPIC, change);
        } else {
            apply(change);
        }
    }

    void apply(Change change) {
        if (change instanceof Joined j) {
            leftEverywhere(j.userId());
            Map<String, Member> members = channels.computeIfAbsent(j.channelId(), c -> new LinkedHashMap<>());
            synchronized (members) {
                members.put(j.userId(), new Member(j.userId(), j.name() == null ? j.userId() : j.name()));
            }
        } else if (change instanceof Left l) {
            leftEverywhere(l.userId());
        } else if (change instanceof Gone g) {
            channels.remove(g.channelId());
        } else if (change instanceof Everything e) {
            channels.clear();
            e.voiceStates().forEach((channel, members) -> members.forEach(
                    m -> apply(new Joined(channel, m.userId(), m.name()))));
        }
    }

    private void leftEverywhere(String userId) {
        for (Map<String, Member> members : channels.values()) {
            synchronized (members) {
                members.remove(userId);
            }
        }
    }

    private Map<String, List<Member>> snapshot() {
        Map<String, List<Member>> all = new LinkedHashMap<>();
        channels.forEach((channel, members) -> all.put(channel, in(channel)));
        return all;
    }

    /** The voice channel this node last saw the user in, if any. */
    public Optional<String> channelOf(String userId) {
        for (Map.Entry<String, Map<String, Member>> channel : channels.entrySet()) {
            Map<String, Member> members = channel.getValue();
            synchronized (members) {
                if (members.containsKey(userId)) {
                    return Optional.of(channel.getKey());
                }
            }
        }
        return Optional.empty();
    }

    public List<Member> in(String channelId) {
        Map<String, Member> members = channels.get(channelId);
        if (members == null) {
            return List.of();
        }
        synchronized (members) {
            return new ArrayList<>(members.values());
        }
    }
}
