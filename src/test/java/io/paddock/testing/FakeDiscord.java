package io.paddock.testing;

import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * Discord's OAuth2 on loopback: {@code /discord/oauth2/authorize}, {@code /discord/api/oauth2/token}
 * and {@code /discord/api/users/@me} answering {@code {id, username, global_name, avatar}}.
 * Provider user id {@code N} is username {@code racerN}, global name {@code Racer N}.
 */
public final class FakeDiscord extends FakeOAuthProvider {

    public static final String CLIENT_ID = "fake-discord-client";
    public static final String CLIENT_SECRET = "fake-discord-secret";

    public FakeDiscord() {
        super(CLIENT_ID, CLIENT_SECRET);
    }

    @Override
    public Map<String, String> install(HttpServer server, String baseUrl) {
        handle(server, "/discord/oauth2/authorize", this::authorize);
        handle(server, "/discord/api/oauth2/token", this::token);
        handle(server, "/discord/api/users/@me", this::user);
        return Map.of("paddock.discord.client-id", CLIENT_ID, "paddock.discord.client-secret", CLIENT_SECRET,
                "paddock.discord.authorize-url", baseUrl + "/discord/oauth2/authorize",
                "paddock.discord.token-url", baseUrl + "/discord/api/oauth2/token",
                "paddock.discord.api-base", baseUrl + "/discord/api",
                "paddock.discord.cdn-base", baseUrl + "/discord/cdn",
                "paddock.auth.manual-tokens.enabled", "true");
    }

    @Override
    String userJson(String userId) {
        return "{\"id\":\"" + userId + "\",\"username\":\"racer" + userId + "\",\"discriminator\":\"0\","
                + "\"global_name\":\"Racer " + userId + "\",\"avatar\":\"avatarhash" + userId + "\"}";
    }
}
