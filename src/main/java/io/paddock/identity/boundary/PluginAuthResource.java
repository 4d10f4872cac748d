package io.paddock.identity.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.DiscordClient;
import io.paddock.identity.control.PluginLogins;
import io.paddock.identity.control.ProviderSignIns;
import io.paddock.identity.control.RateLimiter;
import io.paddock.identity.control.TokenPair;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.web.ClientAddress;
import io.paddock.platform.web.NoStore;

/**
 * How the plugin signs in (WinPodiums' three ways), each ending in a Paddock token pair:
 * Discord in the system browser with PKCE and a loopback redirect, a QR code approved by a signed-in
 * user, or a one-time token copied from the token page. The token endpoints are rate-limited per IP.
 */
@Path("auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class PluginAuthResource {

    public static final String POLL_SECRET_HEADER = "X-QR-Secret";

    public record DiscordExchange(@NotBlank String code, @NotBlank @JsonProperty("code_verifier") String codeVerifier,
            @NotBlank @JsonProperty("redirect_uri") String redirectUri) {
    }

    public record OneTimeTokenView(String token, @JsonProperty("expires_at") Instant expiresAt) {
    }

    public record TokenExchange(@NotBlank String token) {
    }

    public record QrSessionView(UUID id, String pollSecret, URI approveUrl, Instant expiresAt) {
    }

    /** What the approving page shows about the device asking to be signed in. */
    public record QrRequestView(UUID id, String status, Instant expiresAt, Instant requestedAt, String device,
            String address, boolean sameAddress) {

        static QrRequestView of(PluginLogins.QrRequest request) {
            return new QrRequestView(request.id(), request.status(), request.expiresAt(), request.requestedAt(),
                    request.device(), request.address(), request.sameAddress());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QrStatusView(UUID id, String status, Instant expiresAt, TokenPair tokens) {

        static QrStatusView of(PluginLogins.QrStatus status) {
            return new QrStatusView(status.id(), status.status(), status.expiresAt(), status.tokens());
        }
    }

    @Inject
    DiscordClient discord;

    @Inject
    ProviderSignIns signIns;

    @Inject
    PluginLogins logins;

    @Inject
    CurrentCaller caller;

    @Inject
    RateLimiter limiter;

    @Context
    HttpServletRequest request;

    @POST
    @Path("discord/exchange")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plugin browser sign-in: exchange a Discord code (PKCE, loopback redirect) for a Paddock token pair")
    @NoStore
    public TokenPair discordExchange(@Valid @NotNull DiscordExchange exchange) {
        limitByAddress();
        if (!discord.pluginMayRedirectTo(exchange.redirectUri())) {
            throw new InvalidRequestException("redirect-uri-not-allowed", "Redirect URI not allowed",
                    "redirect_uri " + exchange.redirectUri() + " is not one of the plugin's registered loopback addresses.");
        }
        return signIns.signInWithTokens(discord.profileFor(exchange.code(), exchange.codeVerifier(),
                exchange.redirectUri()), AuthMethod.PLUGIN_BROWSER);
    }

    @POST
    @Path("token-generate")
    @RolesAllowed("user")
    @Operation(summary = "A one-time plugin token for the signed-in user, valid 10 minutes (only when manual tokens are enabled)")
    @NoStore
    public OneTimeTokenView generateToken() {
        PluginLogins.GeneratedToken generated = logins.generateToken(caller.require().userId());
        return new OneTimeTokenView(generated.token(), generated.expiresAt());
    }

    @POST
    @Path("token-exchange")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a one-time plugin token (single use) for a Paddock token pair")
    @NoStore
    public TokenPair exchangeToken(@Valid @NotNull TokenExchange exchange) {
        limitByAddress();
        return logins.exchangeToken(exchange.token());
    }

    @POST
    @Path("qr-sessions")
    @PermitAll
    @Operation(summary = "Plugin: open a QR sign-in; show approveUrl as a QR code and poll qr-status with the poll secret."
            + " The approving user is shown this request's User-Agent, network and time")
    @APIResponseSchema(value = QrSessionView.class, responseCode = "201", responseDescription = "The QR sign-in to show and poll")
    @NoStore
    public Response openQr(@HeaderParam("User-Agent") String userAgent) {
        limitByAddress();
        PluginLogins.OpenedQr opened = logins.openQr(userAgent, ClientAddress.of(request));
        return Response.status(Response.Status.CREATED)
                .entity(new QrSessionView(opened.id(), opened.pollSecret(), opened.approveUrl(), opened.expiresAt()))
                .build();
    }

    @GET
    @Path("qr-sessions/{id}")
    @RolesAllowed("user")
    @Operation(summary = "Who asks to be signed in by a QR sign-in: the requesting device, its network, when it asked,"
            + " and whether it asked from the caller's own address")
    public QrRequestView describeQr(@PathParam("id") UUID id) {
        return QrRequestView.of(logins.describeQr(id, ClientAddress.of(request)));
    }

    @POST
    @Path("qr-sessions/{id}/approve")
    @RolesAllowed("user")
    @Operation(summary = "Approve a pending QR sign-in as the signed-in user")
    public QrStatusView approveQr(@PathParam("id") UUID id) {
        return QrStatusView.of(logins.approveQr(id, caller.require().userId()));
    }

    @GET
    @Path("qr-status/{id}")
    @PermitAll
    @Operation(summary = "Poll a QR sign-in: pending | approved | expired | collected; with X-QR-Secret an approved session returns its token pair once")
    @NoStore
    public QrStatusView qrStatus(@PathParam("id") UUID id, @HeaderParam(POLL_SECRET_HEADER) String pollSecret) {
        try {
            return QrStatusView.of(logins.pollQr(id, pollSecret));
        } catch (PaddockException e) {
            if ("invalid-poll-secret".equals(e.slug())) {
                limitByAddress(); // guessing secrets is what the limit is for
            }
            throw e;
        }
    }

    private void limitByAddress() {
        limiter.check(RateLimiter.Bucket.TOKEN_IP, ClientAddress.of(request));
    }
}
