package io.paddock.discord.control;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.json.Json;
import io.paddock.platform.security.ConstantTime;

/**
 * Signed events from a gateway worker ({@code POST /api/internal/events}): the signature is checked
 * ({@link EventSignatures}, ±60 s, constant time), a signature already accepted is refused as a replay
 * (remembered in the database, so on every node, for twice the window), and the event is handled exactly
 * as one the bot saw itself ({@link LiveEvents#accept}).
 */
@Stateless
public class InternalEvents {

    public static final Duration WINDOW = Duration.ofSeconds(60);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BotSettings settings;

    /** A verified event, not yet handled (the caller hands it to {@link LiveEvents} after this transaction). */
    public DiscordEvent verify(String timestamp, String signatureHeader, byte[] body) {
        if (blank(timestamp) || blank(signatureHeader)) {
            throw new UnauthenticatedException("signature-missing", "Signature missing", "Internal events need the "
                    + "headers " + EventSignatures.TIMESTAMP_HEADER + " and " + EventSignatures.SIGNATURE_HEADER + ".");
        }
        byte[] secret = settings.hmacSecret().orElseThrow(() -> new UnauthenticatedException("signature-invalid",
                "Invalid signature", "This server accepts no internal events: paddock.discord.bot.hmac-secret is unset."));
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new UnauthenticatedException("signature-timestamp-invalid", "Invalid timestamp",
                    EventSignatures.TIMESTAMP_HEADER + " must be unix time in whole seconds.");
        }
        Instant now = clock.instant();
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw new UnauthenticatedException("signature-expired", "Timestamp outside the window",
                    "The request's timestamp is more than " + WINDOW.toSeconds() + " s away from the server's time ("
                            + now.getEpochSecond() + "); check the clock and sign again.");
        }
        String signature = signatureHeader.strip();
        if (signature.startsWith("sha256=")) {
            signature = signature.substring(7);
        }
        String expected = EventSignatures.sign(secret, timestamp.strip(), body);
        if (signature.length() != 64 || !ConstantTime.equal(expected, signature.toLowerCase())) {
            throw new UnauthenticatedException("signature-invalid", "Invalid signature",
                    "The signature does not match the shared secret, the timestamp and the body as sent.");
        }
        DiscordEvent event = parse(body);
        int inserted = em.createNativeQuery("INSERT INTO discord_event_signatures (signature, seen_at) VALUES (?1, ?2) "
                + "ON CONFLICT DO NOTHING").setParameter(1, expected).setParameter(2, java.sql.Timestamp.from(now)).executeUpdate();
        if (inserted == 0) {
            throw new ConflictException("signature-replayed", "Request replayed",
                    "This signed request was already accepted; sign each event once.");
        }
        return event;
    }

    /** Forgets signatures older than twice the window (they could not pass the timestamp check any more). */
    public int forgetOld() {
        return em.createNativeQuery("DELETE FROM discord_event_signatures WHERE seen_at < ?1")
                .setParameter(1, java.sql.Timestamp.from(clock.instant().minus(WINDOW.multipliedBy(2)))).executeUpdate();
    }

    static DiscordEvent parse(byte[] body) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("malformed-json", "Malformed JSON", "The body is not a JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("malformed-json", "Malformed JSON", "The body is not a JSON object.");
        }
        String event = node.path("event").asText("");
        JsonNode payload = node.path("payload");
        if (node.path("v").asInt() != 1 || !"event".equals(node.path("type").asText())
                || !DiscordEvent.KINDS.contains(event) || !payload.isObject()) {
            throw new InvalidRequestException("invalid-event", "Invalid event", "Send {\"v\":1,\"type\":\"event\","
                    + "\"event\": one of " + DiscordEvent.KINDS + ", \"payload\":{…},\"ts\":…}.");
        }
        String guildId = snowflake(payload, "guildId", true);
        boolean voice = event.startsWith("voice.");
        String channelId = snowflake(payload, "channelId", !DiscordEvent.VOICE_LEFT.equals(event));
        String userId = snowflake(payload, "userId", voice);
        String name = payload.path("name").isTextual() ? payload.get("name").asText() : null;
        if (name != null && name.length() > 100) {
            throw new InvalidRequestException("invalid-event", "Invalid event", "payload.name is over 100 characters.");
        }
        return new DiscordEvent(event, guildId, channelId, voice ? userId : null, name);
    }

    private static String snowflake(JsonNode payload, String field, boolean required) {
        JsonNode value = payload.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw new InvalidRequestException("invalid-event", "Invalid event", "payload." + field + " is required.");
            }
            return null;
        }
        String text = value.asText();
        if (!value.isTextual() || !text.matches("[0-9]{1,20}")) {
            throw new InvalidRequestException("invalid-event", "Invalid event",
                    "payload." + field + " must be a Discord id (a string of digits).");
        }
        return text;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
