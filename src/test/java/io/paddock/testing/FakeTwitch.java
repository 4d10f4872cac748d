package io.paddock.testing;

import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twitch on loopback: {@code /twitch/oauth2/authorize}, {@code /twitch/oauth2/token} and Helix
 * {@code /twitch/helix/users} (bearer + {@code Client-Id}) answering {@code {data:[{id, login,
 * display_name, profile_image_url}]}}. Provider user id {@code N} is login {@code streamerN}.
 */
public final class FakeTwitch extends FakeOAuthProvider {

    public static final String CLIENT_ID = "fake-twitch-client";
    public static final String CLIENT_SECRET = "fake-twitch-secret";

    public FakeTwitch() {
        super(CLIENT_ID, CLIENT_SECRET);
    }

    @Override
    public Map<String, String> install(HttpServer server, String baseUrl) {
        handle(server, "/twitch/oauth2/authorize", this::authorize);
        handle(server, "/twitch/oauth2/token", this::token);
        handle(server, "/twitch/helix/users", this::user);
        return Map.of("paddock.twitch.client-id", CLIENT_ID, "paddock.twitch.client-secret", CLIENT_SECRET,
                "paddock.twitch.authorize-url", baseUrl + "/twitch/oauth2/authorize",
                "paddock.twitch.token-url", baseUrl + "/twitch/oauth2/token",
                "paddock.twitch.api-base", baseUrl + "/twitch/helix");
    }

    @Override
    String refuseUserRequest(HttpExchange exchange) {
        return CLIENT_ID.equals(exchange.getRequestHeaders().getFirst("Client-Id")) ? null
                : "{\"error\":\"Unauthorized\",\"status\":401,\"message\":\"Client ID and OAuth token do not match\"}";
    }

    @Override
    String userJson(String userId) {
        return "{\"data\":[{\"id\":\"" + userId + "\",\"login\":\"streamer" + userId + "\",\"display_name\":\"Streamer"
                + userId + "\",\"type\":\"\",\"broadcaster_type\":\"\",\"profile_image_url\":"
                + "\"https://static-cdn.jtvnw.net/user-default-pictures/" + userId + ".png\"}]}";
    }
}
