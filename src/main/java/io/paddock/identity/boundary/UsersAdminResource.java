package io.paddock.identity.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.AccountFacts;
import io.paddock.identity.control.AccountModeration;
import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.UserDirectory;
import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;
import io.paddock.platform.errors.InvalidRequestException;

/** Staff: find users (support and up), change roles (superadmin). */
@Path("admin/users")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class UsersAdminResource {

    public record UserSummary(UUID id, String displayName, String email, boolean emailVerified, String role,
            String memberState, Instant createdAt, Instant lastActiveAt, Instant suspendedAt, long version) {

        static UserSummary of(User u) {
            return new UserSummary(u.id(), u.displayName(), u.email(), u.emailVerified(), u.role().id(),
                    u.memberState().name().toLowerCase(), u.createdAt(), u.lastActiveAt(), u.suspendedAt(),
                    u.version());
        }
    }

    public record AdminIdentityView(String provider, String username, String displayName, Instant linkedAt) {
    }

    public record AdminSessionView(UUID id, String authMethod, String userAgent, String ipAddress, Instant createdAt,
            Instant lastSeenAt, Instant expiresAt) {
    }

    /**
     * A user as staff look at them: the summary's fields, their linked identities and active browser sessions,
     * and the other modules' parts ({@link AccountFacts}): plugin installations, plan, recent results.
     */
    public record UserDetail(UUID id, String displayName, String email, boolean emailVerified, String role,
            String memberState, Instant createdAt, Instant lastActiveAt, Instant suspendedAt, long version,
            List<AdminIdentityView> linkedIdentities, List<AdminSessionView> sessions, Object installations, Object plan,
            Object recentResults) {
    }

    /** Why a staff action on an account is taken, for the audit trail. */
    public record AccountAction(@Reason String reason, @TicketId String ticketId) {

        Justification why() {
            return Justification.of(reason, ticketId);
        }
    }

    /** A new role, the version read (optimistic locking) and why, for the audit trail. */
    public record RoleChange(@NotNull @Pattern(regexp = "user|support|admin|superadmin") String role,
            @NotNull Long version, @Reason String reason, @TicketId String ticketId) {
    }

    @Inject
    UserDirectory directory;

    @Inject
    Accounts accounts;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AccountModeration moderation;

    @GET
    @RolesAllowed("support")
    @Operation(summary = "Search users by name or email (support and up)")
    public List<UserSummary> search(@QueryParam("q") String query, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0 || limit < 1 || limit > 200) {
            throw new InvalidRequestException("invalid-paging", "Invalid paging",
                    "offset must be ≥ 0 and limit between 1 and 200.");
        }
        return directory.search(query, offset, limit).stream().map(UserSummary::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed("support")
    @Operation(summary = "One user with their linked identities, active sessions, plugin installations, plan and "
            + "recent results (support and up)")
    public UserDetail get(@PathParam("id") UUID id) {
        UserDirectory.Detail d = directory.detail(id);
        User u = d.user();
        return new UserDetail(u.id(), u.displayName(), u.email(), u.emailVerified(), u.role().id(),
                u.memberState().name().toLowerCase(), u.createdAt(), u.lastActiveAt(), u.suspendedAt(), u.version(),
                d.identities().stream().map(i -> new AdminIdentityView(i.provider().id(), i.username(),
                        i.displayName(), i.linkedAt())).toList(),
                d.sessions().stream().map(s -> new AdminSessionView(s.id(), s.authMethod().id(), s.userAgent(),
                        s.ipAddress(), s.createdAt(), s.lastSeenAt(), s.expiresAt())).toList(),
                d.parts().get("installations"), d.parts().get("plan"), d.parts().get("recentResults"));
    }

    @PUT
    @Path("{id}/role")
    @RolesAllowed("superadmin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's role (superadmin); send the version you read, a reason and a ticket (audited)")
    public UserSummary changeRole(@PathParam("id") UUID id, @Valid @NotNull RoleChange change) {
        return UserSummary.of(directory.changeRole(currentCaller.require(), id, Role.of(change.role()),
                change.version(), Justification.of(change.reason(), change.ticketId())));
    }

    @POST
    @Path("{id}/sign-out")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign a user out everywhere: end every browser session and revoke every refresh token (admin; audited)")
    public UserSummary signOut(@PathParam("id") UUID id, @Valid @NotNull AccountAction action) {
        return UserSummary.of(moderation.signOut(currentCaller.require(), id, action.why()));
    }

    @POST
    @Path("{id}/suspend")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend a user: every credential of theirs stops working at once, on every node (admin; audited)")
    public UserSummary suspend(@PathParam("id") UUID id, @Valid @NotNull AccountAction action) {
        return UserSummary.of(moderation.suspend(currentCaller.require(), id, action.why()));
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore a suspended user: their unexpired credentials work again (admin; audited)")
    public UserSummary restore(@PathParam("id") UUID id, @Valid @NotNull AccountAction action) {
        return UserSummary.of(moderation.restore(currentCaller.require(), id, action.why()));
    }
}
