package io.paddock.discord.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is in which voice channel, on this node: filled from the guild's voice states when the bot's
 * session starts, then kept by every {@code voice.joined}/{@code voice.left} (the bot's own or a
 * worker's). Members are kept in joining order.
 */
@ApplicationScoped
public class Presence {

    /** A Discord user in a voice channel. */
    public record Member(String userId, String name) {
    }

    private final Map<String, Map<String, Member>> channels = new ConcurrentHashMap<>();

    public void joined(String channelId, String userId, String name) {
        leftEverywhere(userId);
        Map<String, Member> members = channels.computeIfAbsent(channelId, c -> new LinkedHashMap<>());
        synchronized (members) {
            members.put(userId, new Member(userId, name == null ? userId : name));
        }
    }

    public void left(String userId) {
        leftEverywhere(userId);
    }

    private void leftEverywhere(String userId) {
        for (Map<String, Member> members : channels.values()) {
            synchronized (members) {
                members.remove(userId);
            }
        }
    }

    public void channelGone(String channelId) {
        channels.remove(channelId);
    }

    /** Replaces everything with the guild's voice states (channel → members), at the start of a session. */
    public void replaceAll(Map<String, List<Member>> voiceStates) {
        channels.clear();
        voiceStates.forEach((channel, members) -> members.forEach(m -> joined(channel, m.userId(), m.name())));
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
