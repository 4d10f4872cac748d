package io.paddock.identity.boundary;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.BrowserSessions;
import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.TokenPair;
import io.paddock.identity.control.Tokens;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.web.NoStore;

/** Who am I, token refresh, sign-out, and the public sign-in configuration. */
@Path("auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record IdentityView(String provider, String providerUserId, String username, String displayName,
            String avatarUrl, Instant linkedAt) {

        static IdentityView of(LinkedIdentity identity) {
            return new IdentityView(identity.provider().id(), identity.providerUserId(), identity.username(),
                    identity.displayName(), identity.avatarUrl(), identity.linkedAt());
        }
    }

    public record Me(UUID id, String displayName, String avatarUrl, String email, boolean emailVerified, String role,
            String memberState, String authMethod, String credential, Instant createdAt, Instant lastActiveAt,
            List<IdentityView> identities) {
    }

    public record RefreshRequest(@NotBlank @JsonProperty("refresh_token") String refreshToken) {
    }

    public record LogoutRequest(@JsonProperty("refresh_token") String refreshToken) {
    }

    /** {@code emailSignUp}: whether this server can mail links, so email sign-up and password resets work. */
    public record PublicConfig(String discordClientId, String twitchClientId, boolean manualTokensEnabled,
            String turnstileSiteKey, boolean emailSignUp) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Accounts accounts;

    @Inject
    Tokens tokens;

    @Inject
    BrowserSessions sessions;

    @Inject
    SessionCookies cookies;

    @Inject
    PublicSettings settings;

    @GET
    @Path("me")
    @RolesAllowed("user")
    @Operation(summary = "The signed-in user, with linked identities and how this request was authenticated")
    public Me me() {
        Caller caller = currentCaller.require();
        User user = accounts.find(caller.userId());
        return new Me(user.id(), user.displayName(), user.avatarUrl(), user.email(), user.emailVerified(),
                user.role().id(), user.memberState().name().toLowerCase(),
                user.authMethod() == null ? null : user.authMethod().id(), caller.credential().name().toLowerCase(),
                user.createdAt(), user.lastActiveAt(),
                accounts.identities(user.id()).stream().map(IdentityView::of).toList());
    }

    @DELETE
    @Path("identities/{provider}")
    @RolesAllowed("user")
    @Operation(summary = "Unlink a sign-in (discord, twitch or email) from your account; never the last way to sign in")
    public Response unlink(@PathParam("provider") String provider) {
        Provider known = Arrays.stream(Provider.values()).filter(p -> p.id().equals(provider)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("identity-not-linked", "Not linked",
                        "There is no sign-in provider called " + provider + "; use discord, twitch or email."));
        accounts.unlink(currentCaller.require().userId(), known);
        return Response.noContent().build();
    }

    @POST
    @Path("refresh")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for a new token pair (the old refresh token is consumed)")
    @NoStore
    public TokenPair refresh(@Valid @NotNull RefreshRequest request) {
        return tokens.refresh(request.refreshToken());
    }

    @POST
    @Path("logout")
    @PermitAll
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Sign out: ends this browser session and revokes the given refresh token's family")
    public Response logout(LogoutRequest request) {
        Optional<Caller> caller = currentCaller.get();
        caller.filter(c -> c.sessionId() != null).ifPresent(c -> sessions.end(c.userId(), c.sessionId()));
        if (request != null && request.refreshToken() != null) {
            tokens.revoke(request.refreshToken());
        }
        return Response.noContent().cookie(cookies.clear()).build();
    }

    @POST
    @Path("logout-everywhere")
    @RolesAllowed("user")
    @Operation(summary = "Sign out everywhere: ends every browser session and revokes every refresh token")
    public Response logoutEverywhere() {
        Caller caller = currentCaller.require();
        sessions.endAllExcept(caller.userId(), null);
        tokens.revokeAll(caller.userId());
        return Response.noContent().cookie(cookies.clear()).build();
    }

    @GET
    @Path("config")
    @PermitAll
    @Operation(summary = "Public sign-in settings: OAuth client ids, whether manual tokens are on, Turnstile site key, "
            + "whether email sign-up works (a mail server is configured)")
    public PublicConfig config() {
        return settings.config();
    }
}
