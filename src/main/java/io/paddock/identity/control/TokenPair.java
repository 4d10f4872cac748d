package io.paddock.identity.control;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a client receives when it signs in or refreshes: OAuth2-style field names, so plugin and mod
 * clients can use standard token handling.
 */
public record TokenPair(@JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("auth_method") String authMethod) {
}
