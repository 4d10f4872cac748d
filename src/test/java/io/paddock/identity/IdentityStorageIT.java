package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.identity.control.BrowserSessions;
import io.paddock.identity.control.IdentityHousekeeping;
import io.paddock.identity.control.RateLimiter;
import io.paddock.identity.control.TokenPair;
import io.paddock.identity.control.Tokens;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.User;
import io.paddock.platform.errors.RateLimitedException;
import io.paddock.testing.Deployments;
import io.paddock.testing.MutableClock;
import io.paddock.testing.PaddockIT;

/** In-container: what identity stores (hashes only), cleanup of expired rows, rate-limit refusals logged. */
@PaddockIT
class IdentityStorageIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness().addClasses(MutableClock.class, MutableClock.Producer.class,
                IdentityStorageIT.Fixtures.class, io.paddock.testing.StandIns.class);
    }

    @Inject
    BeanManager beans;

    /**
     * Authentication is our own Jakarta Authentication module; an {@code HttpAuthenticationMechanism}
     * bean would make Soteria install its bridge again, which looks the mechanism up through JNDI on
     * every request (a fifth of the heartbeat path's CPU, docs/benchmarks.md).
     */
    @Test
    void noHttpAuthenticationMechanismBringsSoteriasBridgeBack() {
        assertTrue(beans.getBeans(HttpAuthenticationMechanism.class).isEmpty(),
                "HttpAuthenticationMechanism beans: " + beans.getBeans(HttpAuthenticationMechanism.class));
    }

    @Inject
    Fixtures fixtures;

    @Inject
    Tokens tokens;

    @Inject
    BrowserSessions sessions;

    @Inject
    IdentityHousekeeping housekeeping;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    MutableClock clock;

    @Test
    void onlyDigestsOfSecretsAreStored() {
        User user = fixtures.user("Hashes");
        TokenPair pair = tokens.issue(user, AuthMethod.WEB);
        BrowserSessions.Started session = sessions.start(user, AuthMethod.WEB, "test", "127.0.0.1");
        List<String> stored = fixtures.column("SELECT token_hash FROM refresh_tokens UNION ALL "
                + "SELECT token_hash FROM browser_sessions UNION ALL SELECT csrf_hash FROM browser_sessions");
        assertFalse(stored.contains(pair.refreshToken()));
        assertFalse(stored.contains(session.token()));
        assertFalse(stored.contains(session.csrfToken()));
        assertTrue(stored.stream().allMatch(s -> s.matches("[0-9a-f]{64}")), stored.toString());
    }

    @Test
    void theConfiguredSuperadminWasBootstrappedOnFirstStart() {
        assertEquals(List.of("SUPERADMIN|true"), fixtures.column("SELECT role || '|' || (email_verified_at IS NOT NULL) "
                + "FROM users WHERE email = '" + io.paddock.testing.StandIns.BOOTSTRAP_SUPERADMIN_EMAIL + "'"));
    }

    @Test
    void housekeepingDeletesOnlyWhatExpiredPastTheGracePeriod() {
        User user = fixtures.user("Cleanup");
        sessions.start(user, AuthMethod.WEB, "old", "127.0.0.1");
        tokens.issue(user, AuthMethod.WEB);
        clock.advance(Duration.ofDays(45)); // past the 14-day session, 30-day refresh lifetime and the grace day
        sessions.start(user, AuthMethod.WEB, "fresh", "127.0.0.1");
        Map<String, Integer> deleted = housekeeping.purge();
        assertEquals(1, deleted.get("browser_sessions"), deleted.toString());
        assertEquals(1, deleted.get("refresh_tokens"), deleted.toString());
        assertEquals(List.of("fresh"), fixtures.column("SELECT user_agent FROM browser_sessions WHERE user_id = '"
                + user.id() + "'"));
    }

    @Test
    void refusalsAreLoggedEvenThoughTheRequestRollsBack() {
        String subject = "203.0.113.9";
        for (int i = 0; i < 20; i++) {
            rateLimiter.check(RateLimiter.Bucket.SIGN_IN_IP, subject);
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> rateLimiter.check(RateLimiter.Bucket.SIGN_IN_IP, subject));
        assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 61);
        assertEquals(List.of("sign-in-ip"), fixtures.column(
                "SELECT bucket FROM rate_limit_logs WHERE subject = '" + subject + "'"));
    }

    /** Test-only data access, in its own transactions like the application's. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class Fixtures {

        @PersistenceContext
        EntityManager em;

        @Inject
        MutableClock clock;

        @Transactional
        public User user(String name) {
            User user = new User(name, clock.now());
            em.persist(user);
            return user;
        }

        @Transactional
        @SuppressWarnings("unchecked")
        public List<String> column(String sql) {
            return ((List<Object>) em.createNativeQuery(sql).getResultList()).stream().map(String::valueOf).toList();
        }
    }
}
