package io.paddock.racing.boundary;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.Subscriber;
import io.paddock.racing.control.RaceStates;
import io.paddock.racing.control.RaceStates.Viewer;

/**
 * Spectators: {@code race_state} on connect, then player_update, leaderboard_update,
 * race_status_change, spectator_count. An optional {@code auth {token}} within 2 s lets the organizer,
 * participants and admins see the seed graph before the race runs. A browser signed in to Paddock needs no
 * auth message: its session cookie, sent with a handshake from this site's own pages (same Origin as
 * Host), makes the socket its holder's from the first race_state on. Unknown race: close 4004.
 */
@ServerEndpoint(value = "/ws/race/{race_id}", configurator = SpectatorEndpoint.Handshake.class)
@PermitAll // anyone may watch; an optional auth message shows more to the organizer and participants
public class SpectatorEndpoint {

    private static final Logger LOG = Logger.getLogger(SpectatorEndpoint.class.getName());
    private static final long AUTH_WINDOW_NANOS = 2_000_000_000L;

    private UUID raceId;
    private Subscriber peer;
    private long openedAt;

    @OnOpen
    public void open(Session session, @PathParam("race_id") String race) {
        openedAt = System.nanoTime();
        try {
            raceId = UUID.fromString(race);
        } catch (IllegalArgumentException e) {
            ChannelHub.close(session, 4004, "unknown race");
            return;
        }
        peer = hub().spectatorOpened(raceId, session);
        Viewer viewer = Viewer.PUBLIC;
        Object cookie = session.getUserProperties().get(Handshake.SESSION);
        if (cookie instanceof String token) {
            viewer = CDI.current().select(RaceStates.class).get().sessionViewer(raceId, token);
            if (viewer != Viewer.PUBLIC) {
                peer.audience(viewer.name());
            }
        }
        if (!hub().sendState(raceId, peer, viewer)) {
            hub().spectatorClosed(raceId, peer);
            raceId = null;
            ChannelHub.close(session, 4004, "unknown race");
        }
    }

    @OnMessage(maxMessageSize = 65536)
    public void message(Session session, String text) {
        if (raceId == null) {
            return;
        }
        JsonNode msg;
        try {
            msg = text.length() > 4096 ? null : Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            msg = null;
        }
        if (msg == null || !msg.isObject() || !"auth".equals(msg.path("type").asText())) {
            error("invalid-message", "Spectators may only send auth {token}.");
            return;
        }
        if (System.nanoTime() - openedAt > AUTH_WINDOW_NANOS) {
            error("auth-window-closed", "auth must come within 2 seconds of connecting.");
            return;
        }
        Viewer viewer = CDI.current().select(RaceStates.class).get().viewer(raceId,
                msg.path("token").isTextual() ? msg.get("token").asText() : null);
        boolean insider = viewer != Viewer.PUBLIC;
        ObjectNode reply = RaceMessages.message("auth_ok");
        reply.put("authorized", insider);
        hub().send(peer, RaceMessages.encode(reply));
        if (insider) {
            // The audience picks this socket's variant of later broadcasts (race_state, hidden names).
            peer.audience(viewer.name());
            hub().sendState(raceId, peer, viewer);
        }
    }

    @OnClose
    public void close(Session session) {
        if (raceId != null) {
            hub().spectatorClosed(raceId, peer);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "Spectator socket error", error);
    }

    private void error(String code, String message) {
        hub().send(peer, RaceMessages.error(code, message));
    }

    /**
     * Keeps the browser session cookie of a same-origin handshake for {@link #open}: another site's page
     * opening this socket (its Origin differs from the Host) is treated as the public, whatever cookie
     * the browser sends along.
     */
    public static class Handshake extends ServerEndpointConfig.Configurator {

        static final String SESSION = "paddock.session-cookie";
        private static final String COOKIE_NAME = "paddock_session";

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            String origin = first(request.getHeaders(), "Origin");
            String host = first(request.getHeaders(), "Host");
            String token = sessionCookie(request.getHeaders().get("Cookie"));
            if (token != null && origin != null && host != null && sameHost(origin, host)) {
                config.getUserProperties().put(SESSION, token);
            } else {
                config.getUserProperties().remove(SESSION);
            }
        }

        /**
         * A plain instance: the endpoint has nothing to inject (it looks its beans up), and letting the
         * container make it through CDI builds, fires and keeps a Weld injection target and creational
         * context for every socket (a tenth of a handshake's CPU, ~0.3 KB per idle socket).
         */
        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            if (endpointClass == SpectatorEndpoint.class) {
                return endpointClass.cast(new SpectatorEndpoint());
            }
            return super.getEndpointInstance(endpointClass);
        }

        static boolean sameHost(String origin, String host) {
            try {
                java.net.URI uri = java.net.URI.create(origin);
                String authority = uri.getRawAuthority();
                return authority != null && authority.equalsIgnoreCase(host);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        static String sessionCookie(List<String> headers) {
            if (headers == null) {
                return null;
            }
            for (String header : headers) {
                for (String pair : header.split(";")) {
                    String trimmed = pair.strip();
                    if (trimmed.startsWith(COOKIE_NAME + "=")) {
                        String value = trimmed.substring(COOKIE_NAME.length() + 1);
                        return value.isEmpty() || value.length() > 200 ? null : value;
                    }
                }
            }
            return null;
        }

        private static String first(Map<String, List<String>> headers, String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    // Looked up once per deployment (this class is the deployment's own): the application-scoped bean's
    // proxy serves every socket, and a CDI lookup per handshake is a measurable part of it.
    private static volatile RaceHub sharedHub;

    private static RaceHub hub() {
        RaceHub hub = sharedHub;
        if (hub == null) {
            hub = CDI.current().select(RaceHub.class).get();
            sharedHub = hub;
        }
        return hub;
    }
}
