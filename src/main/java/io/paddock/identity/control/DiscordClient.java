package io.paddock.identity.control;

import java.util.LinkedHashMap;
import java.util.List;
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
 * Discord's OAuth2 (authorization code with PKCE, scope {@code identify}): builds the authorize URL,
 * exchanges codes and reads {@code /users/@me}. Every address is configuration, so tests point it at
 * a loopback stand-in. Discord's access token is used for that one call and then forgotten.
 */
@ApplicationScoped
public class DiscordClient {

    static final String NAME = "Discord";

    @Inject
    @ConfigProperty(name = "paddock.discord.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "paddock.discord.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "paddock.discord.authorize-url", defaultValue = "https://discord.com/oauth2/authorize")
    String authorizeUrl;

    @Inject
    @ConfigProperty(name = "paddock.discord.token-url", defaultValue = "https://discord.com/api/oauth2/token")
    String tokenUrl;

    @Inject
    @ConfigProperty(name = "paddock.discord.api-base", defaultValue = "https://discord.com/api/v10")
    String apiBase;

    @Inject
    @ConfigProperty(name = "paddock.discord.cdn-base", defaultValue = "https://cdn.discordapp.com")
    String cdnBase;

    @Inject
    @ConfigProperty(name = "paddock.discord.redirect-uri")
    Optional<String> redirectUri;

    @Inject
    @ConfigProperty(name = "paddock.discord.plugin-redirect-uris", defaultValue = "http://127.0.0.1:54321/callback")
    List<String> pluginRedirectUris;

    @Inject
    PublicUrl publicUrl;

    /** Where Discord sends the browser back after the web sign-in. */
    public String webRedirectUri() {
        return redirectUri.orElse(publicUrl.resolve("/auth/callback"));
    }

    public boolean pluginMayRedirectTo(String uri) {
        return uri != null && pluginRedirectUris.stream().map(String::trim).anyMatch(uri::equals);
    }

    public String authorizeUrl(String state, String codeChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", requireClientId());
        query.put("redirect_uri", webRedirectUri());
        query.put("response_type", "code");
        query.put("scope", "identify");
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        return authorizeUrl + (authorizeUrl.contains("?") ? "&" : "?") + OAuthHttp.form(query);
    }

    /** Code → Discord access token → who they are. */
    public ProviderProfile profileFor(String code, String codeVerifier, String redirect) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", requireClientId());
        form.put("client_secret", clientSecret.orElse(null));
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirect);
        form.put("code_verifier", codeVerifier);
        String accessToken = OAuthHttp.exchangeCode(NAME, tokenUrl, form);
        JsonNode me = OAuthHttp.getJson(NAME, stripSlash(apiBase) + "/users/@me", accessToken);
        String id = OAuthHttp.text(me, "id");
        String username = OAuthHttp.text(me, "username");
        if (id == null || id.isBlank() || username == null) {
            throw new ProviderUnavailableException(NAME, "Discord's user answer had no id or username.");
        }
        String avatar = OAuthHttp.text(me, "avatar");
        String avatarUrl = avatar == null || avatar.isBlank() ? null
                : stripSlash(cdnBase) + "/avatars/" + id + "/" + avatar + (avatar.startsWith("a_") ? ".gif" : ".png");
        return new ProviderProfile(Provider.DISCORD, id, username, OAuthHttp.text(me, "global_name"), avatarUrl);
    }

    private String requireClientId() {
        return clientId.filter(id -> !id.isBlank()).orElseThrow(() -> new ProviderUnavailableException(NAME,
                "Discord sign-in is not configured on this server (paddock.discord.client-id is unset)."));
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
