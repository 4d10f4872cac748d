package io.paddock.discord.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bot's configuration ({@code paddock.discord.bot.*}, apart from identity's Discord sign-in keys):
 * every Discord address, the guild, race rooms, the internal-event secret and the node's mode. Without a
 * token the bot is off and everything else in Paddock works.
 */
@ApplicationScoped
public class BotSettings {

    /** What this node does with Discord. */
    public enum Mode {
        /** Holds the gateway session and serves rooms and sockets (one node, or the node that owns the bot). */
        BOT,
        /** Holds only the gateway session and posts its events, signed, to {@code hub-url}. */
        WORKER,
        /** No gateway session here: browsers' sockets and signed internal events from a worker only. */
        HUB;

        static Mode of(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return BOT;
            }
        }
    }

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.token")
    Optional<String> token;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.guild-id")
    Optional<String> guildId;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.api-base", defaultValue = "https://discord.com/api/v10/")
    String apiBase;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.gateway-url", defaultValue = "wss://gateway.discord.gg")
    String gatewayUrl;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.app-url", defaultValue = "https://discord.com")
    String appUrl;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.race-rooms", defaultValue = "true")
    boolean raceRooms;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.race-room-parent-id")
    Optional<String> raceRoomParentId;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.grace-period", defaultValue = "PT15M")
    Duration gracePeriod;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.hmac-secret")
    Optional<String> hmacSecret;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.mode", defaultValue = "bot")
    String mode;

    @Inject
    @ConfigProperty(name = "paddock.discord.bot.hub-url")
    Optional<String> hubUrl;

    public Optional<String> token() {
        return token.map(String::strip).filter(t -> !t.isEmpty());
    }

    public String guildId() {
        return guildId.map(String::strip).orElse("");
    }

    /** Whether this node runs a gateway session: a token and a guild are set, and it is not a hub. */
    public boolean botConfigured() {
        return token().isPresent() && !guildId().isEmpty() && mode() != Mode.HUB;
    }

    /** Ends with a slash, as JDA's base URL must. */
    public String apiBase() {
        return apiBase.endsWith("/") ? apiBase : apiBase + "/";
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** Where a browser joins a voice channel: {@code {app-url}/channels/{guild}/{channel}}. */
    public String joinUrl(String guildId, String channelId) {
        String base = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
        return base + "/channels/" + guildId + "/" + channelId;
    }

    public boolean raceRooms() {
        return raceRooms;
    }

    public Optional<String> raceRoomParentId() {
        return raceRoomParentId.map(String::strip).filter(s -> !s.isEmpty());
    }

    public Duration gracePeriod() {
        return gracePeriod.isNegative() ? Duration.ZERO : gracePeriod;
    }

    /** The internal-event secret's bytes, or empty when unset (then internal events are refused). */
    public Optional<byte[]> hmacSecret() {
        return hmacSecret.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    public Mode mode() {
        return Mode.of(mode);
    }

    public Optional<String> hubUrl() {
        return hubUrl.map(String::strip).filter(s -> !s.isEmpty());
    }
}
