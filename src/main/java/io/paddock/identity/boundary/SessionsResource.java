package io.paddock.identity.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.BrowserSessions;
import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.RequestOrigins;
import io.paddock.identity.entity.BrowserSession;
import io.paddock.platform.errors.ResourceNotFoundException;

/** The signed-in user's browser sessions: list them, end one. */
@Path("auth/sessions")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class SessionsResource {

    /** {@code device} is the User-Agent in words ("Firefox on Windows"); {@code userAgent} is it as sent. */
    public record SessionView(UUID id, String authMethod, String device, String userAgent, String ipAddress,
            Instant createdAt, Instant lastSeenAt, Instant expiresAt, boolean current) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    BrowserSessions sessions;

    @GET
    @Operation(summary = "Active browser sessions, newest use first; the one making this request is marked current")
    public List<SessionView> list() {
        Caller caller = currentCaller.require();
        return sessions.active(caller.userId()).stream().map(s -> view(s, caller)).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End one of your sessions")
    public Response end(@PathParam("id") UUID id) {
        Caller caller = currentCaller.require();
        if (!sessions.end(caller.userId(), id)) {
            throw new ResourceNotFoundException("session-not-found", "Session not found",
                    "You have no active session " + id + ".");
        }
        return Response.noContent().build();
    }

    private static SessionView view(BrowserSession s, Caller caller) {
        return new SessionView(s.id(), s.authMethod().id(), RequestOrigins.device(s.userAgent()), s.userAgent(),
                s.ipAddress(), s.createdAt(),
                s.lastSeenAt(), s.expiresAt(), s.id().equals(caller.sessionId()));
    }
}
