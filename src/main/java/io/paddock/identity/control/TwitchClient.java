package io.paddock.identity.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.identity.control.Accounts.ProviderProfile;
import io.paddock.identity.entity.Provider;
import io.paddock.platform.config.PublicUrl;

/**
 * Twitch's OAuth2 authorization-code flow and the Helix {@code /users} call. The linked identity's
 * username is the Twitch login, which racing uses to find participants. Twitch's token is used for
 * that one call and then forgotten.
 */
@ApplicationScoped
public class TwitchClient {

    static final String NAME = "Twitch";

    @Inject
    @ConfigProperty(name = "paddock.twitch.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "paddock.twitch.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "paddock.twitch.authorize-url", defaultValue = "https://id.twitch.tv/oauth2/authorize")
    String authorizeUrl;

    @Inject
    @ConfigProperty(name = "paddock.twitch.token-url", defaultValue = "https://id.twitch.tv/oauth2/token")
    String tokenUrl;

    @Inject
    @ConfigProperty(name = "paddock.twitch.api-base", defaultValue = "https://api.twitch.tv/helix")
    String apiBase;

    @Inject
    @ConfigProperty(name = "paddock.twitch.redirect-uri")
    Optional<String> redirectUri;

    @Inject
    @ConfigProperty(name = "paddock.twitch.scope")
    Optional<String> scope;

    @Inject
    PublicUrl publicUrl;

    public String redirectUri() {
        return redirectUri.orElse(publicUrl.resolve("/api/auth/callback"));
    }

    public String authorizeUrl(String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", requireClientId());
        query.put("redirect_uri", redirectUri());
        query.put("response_type", "code");
        query.put("scope", scope.orElse(""));
        query.put("state", state);
        return authorizeUrl + (authorizeUrl.contains("?") ? "&" : "?") + OAuthHttp.form(query);
    }

    public ProviderProfile profileFor(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", requireClientId());
        form.put("client_secret", clientSecret.orElse(null));
        form.put("code", code);
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", redirectUri());
        String accessToken = OAuthHttp.exchangeCode(NAME, tokenUrl, form);
        JsonNode users = OAuthHttp.getJson(NAME, DiscordClient.stripSlash(apiBase) + "/users", accessToken,
                "Client-Id", requireClientId());
        JsonNode user = users.path("data").path(0);
        String id = OAuthHttp.text(user, "id");
        String login = OAuthHttp.text(user, "login");
        if (id == null || id.isBlank() || login == null || login.isBlank()) {
            throw new ProviderUnavailableException(NAME, "Twitch's user answer had no id or login.");
        }
        return new ProviderProfile(Provider.TWITCH, id, login, OAuthHttp.text(user, "display_name"),
                OAuthHttp.text(user, "profile_image_url"));
    }

    private String requireClientId() {
        return clientId.filter(id -> !id.isBlank()).orElseThrow(() -> new ProviderUnavailableException(NAME,
                "Twitch sign-in is not configured on this server (paddock.twitch.client-id is unset)."));
    }
}
