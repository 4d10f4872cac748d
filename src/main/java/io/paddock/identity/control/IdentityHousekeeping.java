package io.paddock.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.entity.BrowserSession;
import io.paddock.identity.entity.OAuthState;
import io.paddock.identity.entity.OneTimeToken;
import io.paddock.identity.entity.QrLoginSession;
import io.paddock.identity.entity.RateLimitLog;
import io.paddock.identity.entity.RefreshToken;

/**
 * Deletes what can no longer be used: expired or ended sessions, expired refresh and one-time
 * tokens, OAuth states and QR sessions, and rate-limit refusals past their retention. Rows are
 * kept for a grace period after expiry so a just-expired credential still gets its specific refusal.
 */
@Stateless
public class IdentityHousekeeping {

    static final Duration GRACE = Duration.ofDays(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "paddock.identity.rate-limit-log-retention", defaultValue = "P30D")
    Duration rateLimitLogRetention;

    /** Returns how many rows of each kind were deleted. */
    public Map<String, Integer> purge() {
        Instant now = clock.instant();
        Instant before = now.minus(GRACE);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("browser_sessions", delete(BrowserSession.DELETE_EXPIRED, before));
        deleted.put("refresh_tokens", delete(RefreshToken.DELETE_EXPIRED, before));
        deleted.put("one_time_tokens", delete(OneTimeToken.DELETE_EXPIRED, before));
        deleted.put("oauth_states", delete(OAuthState.DELETE_EXPIRED, before));
        deleted.put("qr_login_sessions", delete(QrLoginSession.DELETE_EXPIRED, before));
        deleted.put("rate_limit_logs", em.createNamedQuery(RateLimitLog.DELETE_OLD)
                .setParameter("before", now.minus(rateLimitLogRetention)).executeUpdate());
        deleted.put("rate_limit_windows", rateLimiter.evictExpired());
        return deleted;
    }

    private int delete(String namedQuery, Instant before) {
        return em.createNamedQuery(namedQuery).setParameter("before", before).executeUpdate();
    }
}
