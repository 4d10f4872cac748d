package io.paddock.discord.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.discord.control.DiscordEvent;
import io.paddock.discord.control.EventSignatures;
import io.paddock.discord.control.InternalEvents;
import io.paddock.discord.control.LiveEvents;
import io.paddock.platform.security.Signed;

/**
 * Events from a gateway worker running elsewhere, signed with the shared secret
 * ({@code X-Hub-Timestamp}, {@code X-Hub-Signature}); accepted ones reach browsers exactly as the bot's own.
 */
@Path("internal/events")
@Tag(name = "Discord rooms")
@Produces(MediaType.APPLICATION_JSON)
@Signed // HMAC of "timestamp.body" under paddock.discord.bot.hmac-secret, checked by InternalEvents; no user credential
public class InternalEventsResource {

    /** What was accepted. */
    public record Accepted(boolean accepted, String event) {
    }

    @Inject
    InternalEvents internalEvents;

    @Inject
    LiveEvents live;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A signed event from a gateway worker: room.created, room.deleted, voice.joined, voice.left")
    public Accepted post(@HeaderParam(EventSignatures.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(EventSignatures.SIGNATURE_HEADER) String signature, byte[] body) {
        // Verified and remembered (against replays) in its own transaction, then handled.
        DiscordEvent event = internalEvents.verify(timestamp, signature, body == null ? new byte[0] : body);
        live.accept(event);
        return new Accepted(true, event.event());
    }
}
