package io.paddock.identity.boundary;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.EmailAccounts;
import io.paddock.identity.control.TokenPair;
import io.paddock.identity.entity.User;
import io.paddock.platform.web.ClientAddress;
import io.paddock.platform.web.NoStore;

/** Email and password: register, verify, sign in, resend the verification, reset and change the password. */
@Path("auth")
@Tag(name = "Email and password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EmailAuthResource {

    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 1000) String password,
            @NotBlank @Size(max = 100) String displayName,
            @NotNull Boolean acceptPolicy,
            String turnstileToken,
            @Size(max = 300) String next) {
    }

    public record Registered(UUID id, String email, String displayName, boolean emailVerified,
            Instant policyAcceptedAt) {
    }

    public record VerifyRequest(@NotBlank @Size(max = 200) String token) {
    }

    public record Verified(UUID id, String email, boolean emailVerified) {
    }

    public record EmailRequest(@NotBlank @Size(max = 254) String email) {
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 1000) String password) {
    }

    /** The token pair's OAuth-style fields plus who signed in; the browser session arrives as cookies. */
    public record SignedIn(@JsonProperty("user_id") UUID userId,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("auth_method") String authMethod) {

        static SignedIn of(User user, TokenPair pair) {
            return new SignedIn(user.id(), user.displayName(), pair.accessToken(), pair.tokenType(), pair.expiresIn(),
                    pair.expiresAt(), pair.refreshToken(), pair.authMethod());
        }
    }

    /** The same field names in the schema and in the handler (a mismatch would store an undefined password). */
    public record ResetConfirmRequest(@NotBlank @Size(max = 200) String token,
            @NotNull @Size(max = 1000) String newPassword) {
    }

    public record AddEmailRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 1000) String password) {
    }

    public record ChangePasswordRequest(@NotNull @Size(max = 1000) String currentPassword,
            @NotNull @Size(max = 1000) String newPassword) {
    }

    @Inject
    EmailAccounts emailAccounts;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    SessionCookies cookies;

    @Context
    HttpServletRequest http;

    @POST
    @Path("register")
    @PermitAll
    @Operation(summary = "Create an email/password account; a verification link is mailed to the address")
    @APIResponseSchema(value = Registered.class, responseCode = "201", responseDescription = "The new account, not yet verified")
    public Response register(@Valid @NotNull RegisterRequest request) {
        User user = emailAccounts.register(new EmailAccounts.Registration(request.email(), request.password(),
                request.displayName(), Boolean.TRUE.equals(request.acceptPolicy()), request.turnstileToken(),
                request.next()),
                origin());
        return Response.status(Response.Status.CREATED).entity(new Registered(user.id(), user.email(),
                user.displayName(), user.emailVerified(), user.policyAcceptedAt())).build();
    }

    @POST
    @Path("verify-email")
    @PermitAll
    @Operation(summary = "Confirm an email address with the token from the verification link (single use)")
    public Verified verifyEmail(@Valid @NotNull VerifyRequest request) {
        User user = emailAccounts.verifyEmail(request.token());
        return new Verified(user.id(), user.email(), user.emailVerified());
    }

    @POST
    @Path("resend-verification")
    @PermitAll
    @Operation(summary = "Mail a new verification link; always 202, whether or not the address has an account")
    public Response resendVerification(@Valid @NotNull EmailRequest request) {
        emailAccounts.resendVerification(request.email(), origin());
        return Response.accepted().build();
    }

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "Sign in with email and password: sets the browser-session cookies and returns a token pair")
    @NoStore
    @APIResponseSchema(value = SignedIn.class, responseCode = "200", responseDescription = "Signed in: the user and a token pair")
    public Response login(@Valid @NotNull LoginRequest request) {
        EmailAccounts.SignedIn signedIn = emailAccounts.signIn(request.email(), request.password(), origin());
        return Response.ok(SignedIn.of(signedIn.user(), signedIn.tokens()))
                .cookie(cookies.issue(signedIn.session())).build();
    }

    @POST
    @Path("password-reset")
    @PermitAll
    @Operation(summary = "Mail a password-reset link; always 202, whether or not the address has an account")
    public Response requestPasswordReset(@Valid @NotNull EmailRequest request) {
        emailAccounts.requestPasswordReset(request.email(), origin());
        return Response.accepted().build();
    }

    @POST
    @Path("password-reset/confirm")
    @PermitAll
    @Operation(summary = "Set a new password with the reset token (single use, 1 h); ends every session and refresh token")
    public Response confirmPasswordReset(@Valid @NotNull ResetConfirmRequest request) {
        emailAccounts.resetPassword(request.token(), request.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("email")
    @RolesAllowed("user")
    @Operation(summary = "Add an email address and password to your account (made by Discord or Twitch); "
            + "a confirmation link is mailed, and email sign-in works once it is followed")
    @APIResponseSchema(value = Verified.class, responseCode = "201", responseDescription = "The address, not yet confirmed")
    public Response addEmail(@Valid @NotNull AddEmailRequest request) {
        User user = emailAccounts.addEmail(currentCaller.require(), request.email(), request.password(), origin());
        return Response.status(Response.Status.CREATED)
                .entity(new Verified(user.id(), user.email(), user.emailVerified())).build();
    }

    @POST
    @Path("change-password")
    @RolesAllowed("user")
    @Operation(summary = "Change your password (needs the current one); ends your other sessions and refresh tokens")
    public Response changePassword(@Valid @NotNull ChangePasswordRequest request) {
        emailAccounts.changePassword(currentCaller.require(), request.currentPassword(), request.newPassword(),
                origin());
        return Response.noContent().build();
    }

    private EmailAccounts.Origin origin() {
        String agent = http.getHeader("User-Agent");
        return new EmailAccounts.Origin(ClientAddress.of(http),
                agent == null ? null : agent.substring(0, Math.min(agent.length(), 300)));
    }
}
