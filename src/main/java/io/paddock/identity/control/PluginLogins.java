package io.paddock.identity.control;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.OneTimeToken;
import io.paddock.identity.entity.QrLoginSession;
import io.paddock.identity.entity.User;
import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;

/**
 * The plugin's sign-ins that need no provider: a one-time token the user copies from the token
 * page (only when {@code paddock.auth.manual-tokens.enabled=true}), and QR sign-in, where the plugin
 * opens a session, a signed-in user approves it in the browser and the plugin collects its token
 * pair once with the poll secret only it knows.
 */
@Stateless
public class PluginLogins {

    static final Duration ONE_TIME_TOKEN_LIFETIME = Duration.ofMinutes(10);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Accounts accounts;

    @Inject
    Tokens tokens;

    @Inject
    @ConfigProperty(name = "paddock.auth.manual-tokens.enabled", defaultValue = "false")
    boolean manualTokens;

    @Inject
    @ConfigProperty(name = "paddock.auth.qr-session-ttl", defaultValue = "PT5M")
    Duration qrLifetime;

    @Inject
    PublicUrl publicUrl;

    public record GeneratedToken(String token, Instant expiresAt) {
    }

    public record OpenedQr(UUID id, String pollSecret, URI approveUrl, Instant expiresAt) {
    }

    /** What a poll sees; {@code tokens} only once, for the plugin that opened the session. */
    public record QrStatus(UUID id, String status, Instant expiresAt, TokenPair tokens) {
    }

    /**
     * What a signed-in user is asked to approve: the requesting device as it describes itself, its network
     * ({@link RequestOrigins#approximateAddress}), when it asked, and whether it asked from the address
     * the user is looking from now.
     */
    public record QrRequest(UUID id, String status, Instant expiresAt, Instant requestedAt, String device,
            String address, boolean sameAddress) {
    }

    /** A new one-time plugin token for this user; any earlier unused one stops working. */
    public GeneratedToken generateToken(UUID userId) {
        requireManualTokens();
        User user = accounts.find(userId);
        Instant now = clock.instant();
        em.createNamedQuery(OneTimeToken.INVALIDATE_OPEN).setParameter("now", now).setParameter("userId", userId)
                .setParameter("purpose", OneTimeToken.Purpose.PLUGIN_LOGIN).executeUpdate();
        String token = RandomSecrets.token();
        Instant expiresAt = now.plus(ONE_TIME_TOKEN_LIFETIME);
        em.persist(new OneTimeToken(user, OneTimeToken.Purpose.PLUGIN_LOGIN, Digests.tokenHash(token), now, expiresAt));
        return new GeneratedToken(token, expiresAt);
    }

    /** Exchanges a one-time token for a token pair; the token is used up. */
    public TokenPair exchangeToken(String token) {
        requireManualTokens();
        OneTimeToken found = em.createNamedQuery(OneTimeToken.BY_HASH, OneTimeToken.class)
                .setParameter("hash", Digests.tokenHash(token)).setParameter("purpose", OneTimeToken.Purpose.PLUGIN_LOGIN)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseThrow(() -> new UnauthenticatedException("invalid-one-time-token", "Invalid one-time token",
                        "This token is unknown. Generate a new one on the token page."));
        Instant now = clock.instant();
        if (found.used()) {
            throw new UnauthenticatedException("one-time-token-used", "One-time token already used",
                    "This token was already exchanged (or replaced by a newer one). Generate a new one.");
        }
        if (found.expiredAt(now)) {
            throw new UnauthenticatedException("one-time-token-expired", "One-time token expired",
                    "One-time tokens are valid for 10 minutes. Generate a new one.");
        }
        found.use(now);
        User user = found.user();
        user.signedIn(AuthMethod.PLUGIN_TOKEN, now);
        return tokens.issue(user, AuthMethod.PLUGIN_TOKEN);
    }

    /** Opens a QR sign-in for the device making this request, remembering what the server saw of it. */
    public OpenedQr openQr(String userAgent, String address) {
        String pollSecret = RandomSecrets.token();
        Instant now = clock.instant();
        QrLoginSession session = new QrLoginSession(Digests.tokenHash(pollSecret), userAgent, address, now,
                now.plus(qrLifetime));
        em.persist(session);
        URI approve = URI.create(publicUrl.resolve("/qr.html?id=" + session.id()));
        return new OpenedQr(session.id(), pollSecret, approve, session.expiresAt());
    }

    /** The request behind a QR sign-in, for the user about to approve it from {@code viewerAddress}. */
    public QrRequest describeQr(UUID sessionId, String viewerAddress) {
        QrLoginSession session = em.find(QrLoginSession.class, sessionId);
        if (session == null) {
            throw notFound(sessionId);
        }
        String address = session.requesterAddress();
        return new QrRequest(session.id(), statusOf(session, clock.instant()), session.expiresAt(),
                session.requestedAt(), RequestOrigins.device(session.requesterAgent()),
                RequestOrigins.approximateAddress(address), address != null && address.equals(viewerAddress));
    }

    public QrStatus approveQr(UUID sessionId, UUID approverId) {
        QrLoginSession session = lockedQr(sessionId);
        Instant now = clock.instant();
        if (session.expiredAt(now)) {
            throw new ConflictException("qr-session-expired", "QR sign-in expired",
                    "This QR code has expired. Open a new one in the plugin.");
        }
        if (!session.approve(accounts.find(approverId), now)) {
            throw new ConflictException("qr-session-not-pending", "QR sign-in already approved",
                    "This QR code was already approved.");
        }
        return new QrStatus(session.id(), "approved", session.expiresAt(), null);
    }

    /**
     * The session's status; with the right poll secret an approved session hands out its token pair
     * (once) and becomes collected. A wrong secret is refused.
     */
    public QrStatus pollQr(UUID sessionId, String pollSecret) {
        QrLoginSession session = lockedQr(sessionId);
        Instant now = clock.instant();
        if (pollSecret != null && !Digests.matchesHash(session.pollSecretHash(), pollSecret)) {
            throw new AccessDeniedException("invalid-poll-secret", "Wrong poll secret",
                    "Only the plugin that opened this QR sign-in can collect it.");
        }
        String status = statusOf(session, now);
        if (!"approved".equals(status) || pollSecret == null) {
            return new QrStatus(session.id(), status, session.expiresAt(), null);
        }
        session.collect();
        User user = session.user();
        user.signedIn(AuthMethod.PLUGIN_QR, now);
        return new QrStatus(session.id(), "approved", session.expiresAt(), tokens.issue(user, AuthMethod.PLUGIN_QR));
    }

    private static String statusOf(QrLoginSession session, Instant now) {
        if (session.status() == QrLoginSession.Status.COLLECTED) {
            return "collected";
        }
        if (session.expiredAt(now)) {
            return "expired";
        }
        return session.status() == QrLoginSession.Status.PENDING ? "pending" : "approved";
    }

    private QrLoginSession lockedQr(UUID sessionId) {
        QrLoginSession session = em.find(QrLoginSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null) {
            throw notFound(sessionId);
        }
        return session;
    }

    private static ResourceNotFoundException notFound(UUID sessionId) {
        return new ResourceNotFoundException("qr-session-not-found", "QR sign-in not found",
                "No QR sign-in " + sessionId + " exists (they are removed some time after expiring).");
    }

    private void requireManualTokens() {
        if (!manualTokens) {
            throw new ResourceNotFoundException("manual-tokens-disabled", "Manual tokens are disabled",
                    "This server does not issue one-time plugin tokens (paddock.auth.manual-tokens.enabled=false). "
                            + "Sign in from the plugin with your browser or a QR code.");
        }
    }
}
