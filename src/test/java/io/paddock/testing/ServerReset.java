package io.paddock.testing;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.paddock.identity.control.RateLimiter;
import io.paddock.racing.control.GraphIndex;
import io.paddock.racing.control.SeedPoolScanner;
import io.paddock.telemetry.control.LiveSessions;
import io.paddock.telemetry.control.SignedRequests;
import io.paddock.transfers.boundary.EventStreams;
import io.paddock.transfers.control.BtEngine;
import io.paddock.transfers.control.JobRunner;
import io.paddock.transfers.control.TransferFeed;

/**
 * Test-only endpoint (never in the production WAR) that puts a running server back to how it booted,
 * once {@link SharedPayaraMicro} has put the database back, so the next test class can reuse it: no
 * cached entities, fresh in-memory state, the seed pools scanned again (seeds a previous class added on
 * disk are found, as at a boot). Test beans that keep state of their own observe {@link Done}.
 */
@Path("test-support/reset")
@Stateless
@PermitAll
public class ServerReset {

    /**
     * The application-scoped beans that keep state across requests (rate-limit windows, live heartbeat
     * sessions, cached plugin credentials, seed graphs): their instances are destroyed and the next call
     * gets fresh ones. A new bean of that kind belongs in this list.
     */
    static final List<Class<?>> STATEFUL = List.of(RateLimiter.class, LiveSessions.class, SignedRequests.class,
            GraphIndex.class, io.paddock.discord.control.Presence.class,
            io.paddock.discord.control.LiveEvents.class, BtEngine.class, io.paddock.transfers.control.SeedrEngine.class, JobRunner.class, EventStreams.class,
            TransferFeed.class, io.paddock.identity.control.Suspensions.class,
            io.paddock.admin.control.FeatureFlags.class);

    /** Fired once the application's own state is reset. */
    public record Done() {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    BeanManager beans;

    @Inject
    SeedPoolScanner seedPools;

    @Inject
    Event<Done> done;

    @POST
    public void reset() {
        em.getEntityManagerFactory().getCache().evictAll();
        AlterableContext application = (AlterableContext) beans.getContext(ApplicationScoped.class);
        for (Class<?> type : STATEFUL) {
            application.destroy(beans.resolve(beans.getBeans(type)));
        }
        seedPools.scanNow();
        done.fire(new Done());
    }
}
