package io.paddock.racing.boundary;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.JsonInputMapper;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.json.Json;
import io.paddock.platform.websocket.ChannelHub;
import io.paddock.platform.websocket.Subscriber;
import io.paddock.racing.control.ModActions;
import io.paddock.racing.control.StatusReports;

/**
 * The game mod's socket: {@code auth} first (5 s, else close 4001; bad token
 * 4003; unknown race 4004), then ready, status_update, zone_entered, event_flag, finished, pong. Every
 * change is committed before anything is broadcast (status reports by {@link StatusReports}' group
 * commit, the rest by {@link ModActions}); bad input gets an
 * {@code error} message and the connection stays open.
 */
@ServerEndpoint("/ws/mod/{race_id}")
@PermitAll // the handshake is open; the first message must carry the participant's mod token
public class ModEndpoint {

    private static final Logger LOG = Logger.getLogger(ModEndpoint.class.getName());
    /** Frames above this are refused with an error (the container's own limit, far above, closes). */
    static final int MAX_MESSAGE_CHARS = 4096;
    /** The close code of every socket whose account is suspended (identity closes open ones with it too). */
    static final int ACCOUNT_SUSPENDED = 4005;

    private UUID raceId;
    private Subscriber peer;
    private volatile UUID participantId;
    private volatile boolean authenticated;
    private long windowStart;
    private int inWindow;
    private int perSecond;

    @OnOpen
    public void open(Session session, @PathParam("race_id") String race) {
        hub();
        try {
            raceId = UUID.fromString(race);
        } catch (IllegalArgumentException e) {
            raceId = null;
        }
        perSecond = ConfigProvider.getConfig().getOptionalValue("paddock.racing.mod-messages-per-second",
                Integer.class).orElse(20);
        long authTimeout = ConfigProvider.getConfig().getOptionalValue("paddock.racing.mod-auth-timeout",
                java.time.Duration.class).orElse(java.time.Duration.ofSeconds(5)).toMillis();
        peer = hub().modOpened(session);
        hub().schedule(() -> {
            if (!authenticated) {
                ChannelHub.close(session, 4001, "authentication timeout");
            }
        }, java.time.Duration.ofMillis(authTimeout));
    }

    @OnMessage(maxMessageSize = 65536)
    public void message(Session session, String text) {
        if (text.length() > MAX_MESSAGE_CHARS) {
            error("message-too-large", "Messages are limited to " + MAX_MESSAGE_CHARS + " characters.");
            return;
        }
        if (!withinRate()) {
            return;
        }
        JsonNode msg;
        try {
            msg = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            refused(e);
            return;
        }
        if (msg == null || !msg.isObject() || !msg.path("type").isTextual()) {
            error("invalid-message", "A message is a JSON object with a string 'type'.");
            return;
        }
        String type = msg.get("type").asText();
        if (!authenticated) {
            if (type.equals("auth")) {
                authenticate(session, msg);
            } else {
                error("auth-required", "The first message must be auth.");
                ChannelHub.close(session, 4001, "authentication required");
            }
            return;
        }
        try {
            ModActions mods = mods();
            switch (type) {
                case "auth" -> error("already-authenticated", "This connection is already authenticated.");
                case "ready" -> mods.ready(participantId);
                case "status_update" -> status(mods, msg);
                case "zone_entered" -> mods.zone(participantId, text(msg, "to_zone"), igt(msg));
                case "event_flag" -> mods.flag(participantId, flagId(msg), igt(msg));
                case "finished" -> mods.finished(participantId, igt(msg));
                case "pong" -> hub().pong(peer);
                case "ping" -> hub().send(peer, RaceHub.PONG);
                default -> error("unknown-type", "Unknown message type '" + type + "'.");
            }
        } catch (BadField e) {
            error("invalid-message", e.getMessage());
        } catch (PaddockException e) {
            error(e.slug(), e.getMessage());
        } catch (jakarta.ejb.EJBException e) {
            PaddockException cause = paddockCause(e);
            if (cause != null) {
                error(cause.slug(), cause.getMessage());
            } else {
                LOG.log(Level.FINE, "Mod message failed", e);
                error("concurrent-update", "The update could not be saved; send it again.");
            }
        }
    }

    /**
     * A status goes through the group commit; one it did not apply goes the transactional way, which
     * stores it or says why not.
     */
    private void status(ModActions mods, JsonNode msg) {
        long igt = igt(msg);
        String zone = optionalText(msg, "current_zone");
        Integer layer = optionalInt(msg, "current_layer");
        Integer deaths = optionalInt(msg, "death_count");
        if (!reports().report(participantId, igt, zone, layer, deaths)) {
            mods.status(participantId, igt, zone, layer, deaths);
        }
    }

    /**
     * What the JSON boundary refused, in the mod protocol's codes: {@code input-limit} (a number, a text or
     * the nesting past the limits), {@code invalid-message} (text that cannot be stored), else
     * {@code malformed-json}; the message names the field.
     */
    private void refused(JsonProcessingException e) {
        InvalidRequestException refusal = JsonInputMapper.refusalOf(e);
        String field = refusal.errors().isEmpty() ? null : refusal.errors().get(0).field();
        switch (refusal.slug()) {
            case JsonInputMapper.INPUT_LIMIT -> error(JsonInputMapper.INPUT_LIMIT, field + ": " + refusal.getMessage());
            case "validation" -> error("invalid-message", field + " " + refusal.errors().get(0).message() + ".");
            default -> error("malformed-json", "The message is not valid JSON.");
        }
    }

    private void authenticate(Session session, JsonNode msg) {
        String token = msg.path("mod_token").isTextual() ? msg.get("mod_token").asText() : null;
        ModActions.Auth auth = mods().authenticate(raceId, token);
        if (auth.failure() == ModActions.AuthFailure.UNKNOWN_RACE) {
            authError(session, 4004, "Unknown race.");
            return;
        }
        if (auth.failure() == ModActions.AuthFailure.ACCOUNT_SUSPENDED) {
            authError(session, ACCOUNT_SUSPENDED, "Account suspended.");
            return;
        }
        if (auth.failure() != null) {
            authError(session, 4003, "Invalid mod token for this race.");
            return;
        }
        peer.owner(auth.userId().toString()); // closed at once should its account be suspended
        authenticated = true;
        participantId = auth.participantId();
        hub().modAuthenticated(raceId, peer, auth.participantId(), auth.leaderboard());
        ObjectNode ok = RaceMessages.message("auth_ok");
        ok.put("participant_id", auth.participantId().toString());
        ok.set("race", Json.mapper().valueToTree(auth.race()));
        ok.putObject("seed").put("total_layers", auth.totalLayers());
        var participants = hub().live(raceId, auth.leaderboard().participants());
        ok.set("participants", Json.mapper().valueToTree(auth.hideFinishedNames()
                ? io.paddock.racing.control.ParticipantView.withFinishedNamesHidden(participants) : participants));
        hub().send(peer, RaceMessages.encode(ok));
    }

    private void authError(Session session, int code, String message) {
        ObjectNode msg = RaceMessages.message("auth_error");
        msg.put("message", message);
        try {
            session.getBasicRemote().sendText(RaceMessages.encode(msg));
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "auth_error not delivered", e);
        }
        ChannelHub.close(session, code, message);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        hub().modClosed(raceId, peer);
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "Mod socket error", error);
    }

    private boolean withinRate() {
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        inWindow++;
        if (inWindow > perSecond) {
            if (inWindow == perSecond + 1) {
                error("rate-limited", "At most " + perSecond + " messages per second; message dropped.");
            }
            return false;
        }
        return true;
    }

    private void error(String code, String message) {
        hub().send(peer, RaceMessages.error(code, message));
    }

    private static PaddockException paddockCause(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof PaddockException p) {
                return p;
            }
        }
        return null;
    }

    private static long igt(JsonNode msg) {
        JsonNode igt = msg.get("igt_ms");
        if (igt == null || !igt.isIntegralNumber() || !igt.canConvertToLong() || igt.asLong() < 0) {
            throw new BadField("igt_ms must be a non-negative integer.");
        }
        return igt.asLong();
    }

    private static String text(JsonNode msg, String field) {
        JsonNode value = msg.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
            throw new BadField(field + " must be a non-empty string of at most 200 characters.");
        }
        return value.asText();
    }

    /** A flag id comes as a number or as text; either way it is a node id, under the same rule. */
    private static String flagId(JsonNode msg) {
        JsonNode value = msg.get("flag_id");
        String id = value != null && (value.isIntegralNumber() || value.isTextual()) ? value.asText() : null;
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new BadField("flag_id must be an integer or a non-empty string, at most 200 characters either way.");
        }
        return id;
    }

    private static String optionalText(JsonNode msg, String field) {
        return msg.hasNonNull(field) ? text(msg, field) : null;
    }

    private static Integer optionalInt(JsonNode msg, String field) {
        JsonNode value = msg.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new BadField(field + " must be a non-negative integer.");
        }
        return value.asInt();
    }

    // Looked up once per connection: CDI.current().select(…).get() creates a new session bean proxy on
    // every call, ~5 % of the server's CPU when it ran per mod message (racing benchmark profile).
    private RaceHub hub;
    private ModActions mods;
    private StatusReports reports;

    private RaceHub hub() {
        if (hub == null) {
            hub = CDI.current().select(RaceHub.class).get();
        }
        return hub;
    }

    private StatusReports reports() {
        if (reports == null) {
            reports = CDI.current().select(StatusReports.class).get();
        }
        return reports;
    }

    private ModActions mods() {
        if (mods == null) {
            mods = CDI.current().select(ModActions.class).get();
        }
        return mods;
    }

    /** A message field of the wrong shape. */
    private static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
