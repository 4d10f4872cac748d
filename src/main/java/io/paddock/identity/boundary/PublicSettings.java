package io.paddock.identity.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;


import io.paddock.identity.control.Mailer;
import io.paddock.platform.json.Json;
import io.paddock.platform.web.PreparedJson;

/**
 * The public sign-in settings ({@code GET /api/auth/config}): fixed for a deployment, so built and
 * encoded once; {@link AuthConfigFilter} sends the bytes, {@link AuthResource#config} the same record.
 */
@ApplicationScoped
public class PublicSettings {

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "paddock.discord.client-id")
    Optional<String> discordClientId;

    @Inject
    @ConfigProperty(name = "paddock.twitch.client-id")
    Optional<String> twitchClientId;

    @Inject
    @ConfigProperty(name = "paddock.auth.manual-tokens.enabled", defaultValue = "false")
    boolean manualTokens;

    @Inject
    @ConfigProperty(name = "paddock.turnstile.site-key")
    Optional<String> turnstileSiteKey;

    private volatile AuthResource.PublicConfig config;
    private volatile PreparedJson json;

    public AuthResource.PublicConfig config() {
        AuthResource.PublicConfig current = config;
        if (current == null) {
            current = new AuthResource.PublicConfig(discordClientId.orElse(null), twitchClientId.orElse(null),
                    manualTokens, turnstileSiteKey.orElse(null), mailer.delivers());
            config = current;
        }
        return current;
    }

    /** {@link #config()} as the endpoint writes it (no entity tag: the endpoint sends none). */
    public PreparedJson json() {
        PreparedJson current = json;
        if (current == null) {
            current = new PreparedJson(Json.bytes(config()), null);
            json = current;
        }
        return current;
    }
}
