package io.paddock.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.paddock.identity.control.ApiKeys;
import io.paddock.identity.control.BrowserSessions;
import io.paddock.identity.control.TokenPair;
import io.paddock.identity.control.Tokens;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.telemetry.control.RefusingHeartbeatWriter;

/**
 * Test-only endpoints (never in the production WAR): mint a user of a role with every kind of
 * credential, move the {@link MutableClock}, and refuse heartbeat writes. Black-box tests use them to
 * skip sign-in flows that other tests cover.
 */
@Path("test-support")
@Stateless
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TestSupportResource {

    public record Credentials(UUID userId, String role, String accessToken, String refreshToken, String sessionCookie,
            String csrfToken, String apiKey) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Tokens tokens;

    @Inject
    BrowserSessions sessions;

    @Inject
    ApiKeys apiKeys;

    @Inject
    MutableClock clock;

    @Inject
    RefusingHeartbeatWriter heartbeatWriter;

    @POST
    @Path("users/{role}")
    public Credentials user(@PathParam("role") String role, @QueryParam("name") String name,
            @QueryParam("twitch") String twitchLogin, @QueryParam("discord") String discordId) {
        User user = new User(name == null ? "Test " + role : name, clock.now());
        user.grant(Role.of(role));
        em.persist(user);
        // Optional linked identities, e.g. a Twitch login for race participants.
        if (twitchLogin != null) {
            LinkedIdentity twitch = new LinkedIdentity(user, Provider.TWITCH, "tw-" + twitchLogin, clock.now());
            twitch.refresh(twitchLogin, twitchLogin, null, clock.now());
            em.persist(twitch);
        }
        if (discordId != null) {
            LinkedIdentity discord = new LinkedIdentity(user, Provider.DISCORD, discordId, clock.now());
            discord.refresh("discord-" + discordId, "Discord " + discordId, null, clock.now());
            em.persist(discord);
        }
        TokenPair pair = tokens.issue(user, AuthMethod.WEB);
        BrowserSessions.Started session = sessions.start(user, AuthMethod.WEB, "test", "127.0.0.1");
        ApiKeys.Created key = apiKeys.create(user.id(), "test key", null);
        return new Credentials(user.id(), role, pair.accessToken(), pair.refreshToken(), session.token(),
                session.csrfToken(), key.secret());
    }

    @POST
    @Path("clock/advance")
    public Instant advance(@QueryParam("seconds") long seconds) {
        return clock.advance(Duration.ofSeconds(seconds));
    }

    @POST
    @Path("telemetry/refuse-writes")
    public boolean refuseHeartbeatWrites(@QueryParam("refuse") boolean refuse) {
        heartbeatWriter.refuse(refuse);
        return refuse;
    }

    @Inject
    io.paddock.transfers.control.JobUpdates transferUpdates;

    /** What the engine's failure callback does for a job (the queue's retry path), without waiting for one. */
    @POST
    @Path("transfers/jobs/{jobId}/engine-failure")
    public boolean transferEngineFailure(@PathParam("jobId") UUID jobId, @QueryParam("reason") String reason) {
        transferUpdates.failed(jobId, reason);
        return true;
    }
}
