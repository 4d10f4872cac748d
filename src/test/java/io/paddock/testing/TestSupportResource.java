package io.paddock.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
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
import io.paddock.identity.control.RateLimiter;
import io.paddock.identity.control.TokenPair;
import io.paddock.identity.control.Tokens;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.Role;
import io.paddock.identity.entity.User;
import io.paddock.racing.control.GraphIndex;
import io.paddock.racing.control.SeedPoolScanner;
import io.paddock.telemetry.control.LiveSessions;
import io.paddock.telemetry.control.RefusingHeartbeatWriter;
import io.paddock.telemetry.control.SignedRequests;

/**
 * Test-only endpoints (never in the production WAR): mint a user of a role with every kind of
 * credential, move the {@link MutableClock}, refuse heartbeat writes, and reset the server for the next
 * test class. Black-box tests use them to skip sign-in flows that other tests cover.
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

    @Inject
    SeedPoolScanner seedPools;

    @Inject
    BeanManager beans;

    /**
     * The application-scoped beans that keep state across requests (rate-limit windows, live heartbeat
     * sessions, cached plugin credentials, seed graphs): a reset destroys their instances and the next
     * call gets fresh ones. A new bean of that kind belongs in this list.
     */
    static final List<Class<?>> STATEFUL = List.of(RateLimiter.class, LiveSessions.class, SignedRequests.class,
            GraphIndex.class);

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

    /**
     * Puts the server back to how it booted, once {@link SharedPayaraMicro} has put the database back: no
     * cached entities, fresh in-memory state, the clock at the real time, heartbeats taken, the seed pools
     * scanned (seeds a previous class added on disk are found, as at a boot).
     */
    @POST
    @Path("reset")
    public void reset() {
        em.getEntityManagerFactory().getCache().evictAll();
        AlterableContext application = (AlterableContext) beans.getContext(ApplicationScoped.class);
        for (Class<?> type : STATEFUL) {
            Bean<?> bean = beans.resolve(beans.getBeans(type));
            application.destroy(bean);
        }
        clock.reset();
        heartbeatWriter.refuse(false);
        seedPools.scanNow();
    }
}
