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
import io.paddock.racing.control.RaceStates;

/**
 * Spectators (seed §3.2): {@code race_state} on connect, then player_update, leaderboard_update,
 * race_status_change, spectator_count. An optional {@code auth {token}} within 2 s lets the organizer,
 * participants and admins see the seed graph before the race runs. Unknown race: close 4004.
 */
@ServerEndpoint("/ws/race/{race_id}")
@PermitAll // anyone may watch; an optional auth message shows more to the organizer and participants
public class SpectatorEndpoint {

    private static final Logger LOG = Logger.getLogger(SpectatorEndpoint.class.getName());
    private static final long AUTH_WINDOW_NANOS = 2_000_000_000L;

    private UUID raceId;
    private RaceHub.Peer peer;
    private long openedAt;

    @OnOpen
    public void open(Session session, @PathParam("race_id") String race) {
        openedAt = System.nanoTime();
        try {
            raceId = UUID.fromString(race);
        } catch (IllegalArgumentException e) {
            RaceHub.close(session, 4004, "unknown race");
            return;
        }
        peer = hub().spectatorOpened(raceId, session);
        if (!hub().sendState(raceId, peer)) {
            hub().spectatorClosed(raceId, session);
            raceId = null;
            RaceHub.close(session, 4004, "unknown race");
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
        RaceStates.Viewer viewer = CDI.current().select(RaceStates.class).get().viewer(raceId,
                msg.path("token").isTextual() ? msg.get("token").asText() : null);
        boolean insider = viewer != RaceStates.Viewer.PUBLIC;
        ObjectNode reply = RaceHub.message("auth_ok");
        reply.put("authorized", insider);
        hub().send(peer, RaceHub.encode(reply));
        if (insider) {
            peer.insider = true;
            peer.organizer = viewer == RaceStates.Viewer.ORGANIZER;
            hub().sendState(raceId, peer);
        }
    }

    @OnClose
    public void close(Session session) {
        if (raceId != null) {
            hub().spectatorClosed(raceId, session);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "Spectator socket error", error);
    }

    private void error(String code, String message) {
        ObjectNode msg = RaceHub.message("error");
        msg.put("code", code);
        msg.put("message", message);
        hub().send(peer, RaceHub.encode(msg));
    }

    private static RaceHub hub() {
        return CDI.current().select(RaceHub.class).get();
    }
}
