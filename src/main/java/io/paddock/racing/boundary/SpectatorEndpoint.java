package io.paddock.racing.boundary;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
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
 * participants and admins see the seed graph before the race runs. Unknown race: close 4004.
 */
@ServerEndpoint("/ws/race/{race_id}")
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
        if (!hub().sendState(raceId, peer, Viewer.PUBLIC)) {
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

    // Looked up once per connection (a lookup creates a new proxy each time).
    private RaceHub hub;

    private RaceHub hub() {
        if (hub == null) {
            hub = CDI.current().select(RaceHub.class).get();
        }
        return hub;
    }
}
