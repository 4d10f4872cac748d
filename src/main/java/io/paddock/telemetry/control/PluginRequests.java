package io.paddock.telemetry.control;

import java.sql.Timestamp;
import java.time.Clock;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.platform.errors.UnauthenticatedException;

/**
 * Replay memory for signed plugin requests: each signature is remembered (in the database, so every node
 * sees it) for longer than the ±60 s window; the same signature twice is a replay. Runs in the request's
 * transaction, so a refused request that rolls back leaves no trace (and its replay is refused again the
 * same way); outcomes that must not roll back (rate limiting) are returned rather than thrown.
 */
@Stateless
public class PluginRequests {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Installations installations;

    public void remember(SignedRequests.Verified request) {
        int inserted = em.createNativeQuery("INSERT INTO plugin_request_signatures (signature, installation_id, seen_at) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING").setParameter(1, request.signature())
                .setParameter(2, request.caller().installationId())
                .setParameter(3, Timestamp.from(clock.instant())).executeUpdate();
        if (inserted == 0) {
            throw new UnauthenticatedException("request-replayed", "Request replayed",
                    "This exact signed request was already received; sign every request with a new timestamp.");
        }
        if (request.recordSeen()) {
            installations.seen(request.caller().installationId());
        }
    }
}
