package io.paddock.discord.boundary;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.discord.control.LiveEvents;
import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.Message;
import io.paddock.platform.websocket.Subscriber;

/**
 * The browser event socket {@code /api/ws} (docs/api/discord.md, "Event socket"). A browser on Paddock's
 * own origin is signed in by its session cookie at the upgrade; anyone else sends
 * {@code {"type":"auth","token":…}} (an access token or API key) first, within 5 s. Then
 * {@code subscribe}/{@code unsubscribe} topics {@code guild}, {@code room:<channelId>} or
 * {@code race:<raceId>}; events arrive in the envelope {@code {v:1,type:"event",event,payload,ts}}.
 * Close codes: 4001 not authenticated in time, 4003 credential refused, 1009 frame over 4 KiB,
 * 1008 too slow or too many errors, 1001 no pong.
 */
@ServerEndpoint(value = "/api/ws", configurator = EventSocket.Handshake.class)
@PermitAll // authenticates itself: session cookie on a same-origin upgrade, or an auth message first
public class EventSocket {

    private static final Logger LOG = Logger.getLogger(EventSocket.class.getName());
    static final Duration AUTH_WINDOW = Duration.ofSeconds(5);
    static final Duration PING_EVERY = Duration.ofSeconds(30);
    static final int MAX_FRAME = 4096;
    static final int MAX_TOPICS = 20;
    static final int MAX_ERRORS = 20;
    private static final String COOKIE = "paddock.ws.sessionCookie";
    private static final String SESSION_COOKIE_NAME = "paddock_session";

    /** Keeps the session cookie of a same-origin upgrade for {@link #open} (per-handshake properties). */
    public static class Handshake extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Map<String, List<String>> headers = request.getHeaders();
            String origin = first(headers, "Origin");
            String host = first(headers, "Host");
            if (origin != null && host != null && sameOrigin(origin, host)) {
                String cookie = cookie(headers, SESSION_COOKIE_NAME);
                if (cookie != null) {
                    config.getUserProperties().put(COOKIE, cookie);
                }
            }
        }
    }

    private Subscriber peer;
    private volatile Caller caller;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private int errors;

    @OnOpen
    public void open(Session session) {
        peer = hub().connect(session);
        hub().keepAlive(peer, Message.of(LiveEvents.envelope("ping", null, null, System.currentTimeMillis())),
                PING_EVERY);
        Object cookie = session.getUserProperties().remove(COOKIE);
        if (cookie instanceof String token) {
            Optional<CallerResolver.SessionCaller> resolved = resolver().session(token);
            if (resolved.isPresent()) {
                authenticated(resolved.get().caller(), "session");
                return;
            }
        }
        hub().schedule(() -> {
            if (caller == null) {
                ChannelHub.close(session, 4001, "not authenticated");
            }
        }, AUTH_WINDOW);
    }

    @OnMessage(maxMessageSize = MAX_FRAME)
    public void message(Session session, String text) {
        hub().pong(peer);
        JsonNode msg;
        try {
            msg = Json.mapper().readTree(text);
        } catch (IOException | RuntimeException e) {
            msg = null;
        }
        if (msg == null || !msg.isObject()) {
            error(session, "malformed-json", "Send one JSON object per frame.");
            return;
        }
        String type = msg.path("type").asText("");
        switch (type) {
            case "auth" -> auth(session, msg);
            case "subscribe", "unsubscribe" -> subscription(session, type, msg.path("topic").asText(""));
            case "pong", "ping" -> {
                if (type.equals("ping")) {
                    hub().send(peer, LiveEvents.envelope("pong", null, null, System.currentTimeMillis()));
                }
            }
            default -> error(session, "unknown-type",
                    "Unknown message type '" + clip(type) + "'; send auth, subscribe, unsubscribe, ping or pong.");
        }
    }

    private void auth(Session session, JsonNode msg) {
        if (caller != null) {
            error(session, "already-authenticated", "This socket is already authenticated.");
            return;
        }
        String token = msg.path("token").isTextual() ? msg.get("token").asText() : null;
        Optional<Caller> resolved = token == null || token.length() > 2048 ? Optional.empty()
                : resolver().bearer(token);
        if (resolved.isEmpty()) {
            ChannelHub.close(session, 4003, "invalid token");
            return;
        }
        authenticated(resolved.get(), "token");
    }

    private void authenticated(Caller who, String via) {
        caller = who;
        peer.owner(who.userId().toString()); // closed at once should the account be suspended
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("userId", who.userId().toString());
        payload.put("via", via);
        hub().send(peer, LiveEvents.envelope("ack", "authenticated", payload, System.currentTimeMillis()));
    }

    private void subscription(Session session, String type, String topic) {
        if (caller == null) {
            ChannelHub.close(session, 4001, "authenticate first");
            return;
        }
        String channel = channelOf(topic);
        if (channel == null) {
            error(session, "invalid-topic", "Topics are guild, room:<channelId> or race:<raceId>.");
            return;
        }
        if (type.equals("subscribe")) {
            if (!topics.contains(topic) && topics.size() >= MAX_TOPICS) {
                error(session, "too-many-topics", "A socket may follow at most " + MAX_TOPICS + " topics.");
                return;
            }
            topics.add(topic);
            hub().subscribe(channel, peer);
        } else {
            topics.remove(topic);
            hub().unsubscribe(channel, peer);
        }
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("topic", topic);
        hub().send(peer, LiveEvents.envelope("ack", type + "d", payload, System.currentTimeMillis()));
    }

    /** The hub channel of a topic, or null when it is not one. */
    static String channelOf(String topic) {
        if (topic.equals("guild")) {
            return LiveEvents.GUILD_CHANNEL;
        }
        if (topic.startsWith("room:") && topic.substring(5).matches("[0-9]{1,20}")) {
            return LiveEvents.roomChannel(topic.substring(5));
        }
        if (topic.startsWith("race:")) {
            try {
                return LiveEvents.raceChannel(UUID.fromString(topic.substring(5)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private void error(Session session, String code, String message) {
        if (++errors > MAX_ERRORS) {
            ChannelHub.close(session, 1008, "too many errors");
            return;
        }
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("message", message);
        hub().send(peer, LiveEvents.envelope("error", code, payload, System.currentTimeMillis()));
    }

    @OnClose
    public void close(Session session) {
        if (peer != null) {
            hub().disconnect(peer);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "Event socket error", error);
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return uri.getHost() != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    static String cookie(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (!e.getKey().equalsIgnoreCase("Cookie")) {
                continue;
            }
            for (String line : e.getValue()) {
                for (String part : line.split(";")) {
                    int eq = part.indexOf('=');
                    if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                        return part.substring(eq + 1).strip();
                    }
                }
            }
        }
        return null;
    }

    // Looked up once per connection (a lookup creates a new proxy each time).
    private ChannelHub hub;
    private CallerResolver resolver;

    private ChannelHub hub() {
        if (hub == null) {
            hub = CDI.current().select(ChannelHub.class).get();
        }
        return hub;
    }

    private CallerResolver resolver() {
        if (resolver == null) {
            resolver = CDI.current().select(CallerResolver.class).get();
        }
        return resolver;
    }
}
