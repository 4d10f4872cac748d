package io.paddock.identity.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.User;

/** WinPodiums' profile shape, for the SimHub plugin, plus every linked identity. */
@Path("profile")
@Tag(name = "Profile")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class ProfileResource {

    public record Profile(String id, String displayName, String discordId, String discordUsername,
            String discordAvatar, String verificationState, String authMethod, Instant lastActiveAt,
            List<AuthResource.IdentityView> identities) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Accounts accounts;

    @GET
    @Path("me")
    @Operation(summary = "Profile: discordId, discordUsername, discordAvatar, verificationState, authMethod, lastActiveAt")
    public Profile me() {
        User user = accounts.find(currentCaller.require().userId());
        List<LinkedIdentity> identities = accounts.identities(user.id());
        Optional<LinkedIdentity> discord = identities.stream().filter(i -> i.provider() == Provider.DISCORD)
                .findFirst();
        return new Profile(user.id().toString(), user.displayName(),
                discord.map(LinkedIdentity::providerUserId).orElse(null),
                discord.map(LinkedIdentity::username).orElse(null),
                discord.map(LinkedIdentity::avatarUrl).orElse(null),
                user.memberState().name().toLowerCase(),
                user.authMethod() == null ? null : user.authMethod().id(), user.lastActiveAt(),
                identities.stream().map(AuthResource.IdentityView::of).toList());
    }
}
