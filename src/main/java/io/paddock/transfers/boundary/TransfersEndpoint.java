package io.paddock.transfers.boundary;

import java.security.Principal;
import java.util.Optional;
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
import jakarta.websocket.server.ServerEndpoint;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.Subscriber;
import io.paddock.transfers.control.TransferFeed;

/**
 * The transfers page's live channel: the caller's job events as {@code {"id","type","data"}} (the same
 * events as the SSE streams). A browser is known from its session cookie at the handshake; other
 * clients send {@code {"type":"auth","token":…}} (an access token or API key) within 5 s. Then
 * {@code {"type":"ready"}}; an unknown caller is closed 4001.
 */
@ServerEndpoint("/ws/transfers")
@PermitAll // the handshake is open; the session cookie or the first message authenticates
public class TransfersEndpoint {

    private static final Logger LOG = Logger.getLogger(TransfersEndpoint.class.getName());
    private static final long AUTH_WINDOW_NANOS = 5_000_000_000L;

    private Subscriber peer;
    private volatile UUID userId;
    private long openedAt;

    @OnOpen
    public void open(Session session) {
        openedAt = System.nanoTime();
        peer = hub().connect(session);
        Principal principal = session.getUserPrincipal();
        if (principal != null) {
            try {
                subscribe(UUID.fromString(principal.getName()));
                return;
            } catch (IllegalArgumentException e) {
                // not one of our callers: wait for an auth message
            }
        }
        hub().schedule(() -> {
            if (userId == null && session.isOpen()) {
                ChannelHub.close(session, 4001, "auth required");
            }
        }, java.time.Duration.ofNanos(AUTH_WINDOW_NANOS));
    }

    @OnMessage(maxMessageSize = 8192)
    public void message(Session session, String text) {
        if (userId != null) {
            return; // nothing else is expected once subscribed
        }
        JsonNode msg;
        try {
            msg = Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            msg = null;
        }
        if (msg == null || !"auth".equals(msg.path("type").asText()) || !msg.path("token").isTextual()
                || System.nanoTime() - openedAt > AUTH_WINDOW_NANOS) {
            ChannelHub.close(session, 4001, "auth required");
            return;
        }
        Optional<Caller> caller = CDI.current().select(CallerResolver.class).get().bearer(msg.get("token").asText());
        if (caller.isEmpty()) {
            ChannelHub.close(session, 4001, "auth required");
            return;
        }
        subscribe(caller.get().userId());
    }

    private void subscribe(UUID user) {
        userId = user;
        hub().subscribe(TransferFeed.channel(user), peer);
        hub().send(peer, "{\"type\":\"ready\"}");
    }

    @OnClose
    public void close(Session session) {
        if (peer != null) {
            hub().disconnect(peer);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "Transfers socket error", error);
    }

    private ChannelHub hub;

    private ChannelHub hub() {
        if (hub == null) {
            hub = CDI.current().select(ChannelHub.class).get();
        }
        return hub;
    }
}
