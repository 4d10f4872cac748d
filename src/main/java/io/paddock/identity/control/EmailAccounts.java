package io.paddock.identity.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.LinkedIdentity;
import io.paddock.identity.entity.OneTimeToken;
import io.paddock.identity.entity.Provider;
import io.paddock.identity.entity.User;
import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.errors.AccessDeniedException;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.security.Digests;
import io.paddock.platform.security.RandomSecrets;
import io.paddock.platform.web.SameSitePath;

/**
 * Email and password accounts (tseeder's flows): register, verify the address, sign in, resend the
 * verification, reset and change the password. Mails are fired as {@link OutgoingMail} events and
 * leave only after the transaction commits. Requests that name an email address never reveal whether
 * an account has it, except registration (an address cannot be registered twice).
 */
@Stateless
public class EmailAccounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Accounts accounts;

    @Inject
    Passwords passwords;

    @Inject
    RateLimiter limiter;

    @Inject
    Turnstile turnstile;

    @Inject
    BrowserSessions sessions;

    @Inject
    Tokens tokens;

    @Inject
    Event<OutgoingMail> mail;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Mailer mailer;

    @Inject
    @ConfigProperty(name = "paddock.email.verify-token-ttl", defaultValue = "P2D")
    Duration verifyLifetime;

    @Inject
    @ConfigProperty(name = "paddock.email.reset-token-ttl", defaultValue = "PT1H")
    Duration resetLifetime;

    /**
     * What a new account is made of; {@code policyAccepted} must be true. {@code next} is the page that asked
     * for the account: the confirmation link leads back to it (a {@link SameSitePath}, anything else ignored).
     */
    public record Registration(String email, String password, String displayName, boolean policyAccepted,
            String turnstileToken, String next) {
    }

    /** A successful sign-in: a browser session (for cookies) and a token pair (for scripts). */
    public record SignedIn(User user, BrowserSessions.Started session, TokenPair tokens) {
    }

    /** Where the request came from, for rate limits and the session list. */
    public record Origin(String ipAddress, String userAgent) {
    }

    public User register(Registration registration, Origin origin) {
        mailer.requireDelivery(); // the account could never be confirmed
        limiter.check(RateLimiter.Bucket.REGISTER_IP, origin.ipAddress());
        if (!registration.policyAccepted()) {
            throw new InvalidRequestException("policy-not-accepted", "Usage policy not accepted",
                    "Accept the usage policy to create an account.",
                    List.of(new Problem.FieldError("acceptPolicy", "must be true")));
        }
        String email = User.normalizeEmail(registration.email());
        passwords.checkPolicy(registration.password(), email, "password");
        // Last of the checks: a Turnstile token is spent once verified, so local refusals come first.
        turnstile.check(registration.turnstileToken(), origin.ipAddress());
        if (accounts.byEmail(email).isPresent()) {
            throw emailTaken();
        }
        Instant now = clock.instant();
        User user = User.withEmail(registration.displayName(), email, passwords.hash(registration.password()), now,
                now);
        em.persist(user);
        LinkedIdentity identity = new LinkedIdentity(user, Provider.EMAIL, email, now);
        identity.refresh(email, user.displayName(), null, now);
        em.persist(identity);
        try {
            em.flush(); // two registrations racing for one address: the unique index decides, answered as 409
        } catch (PersistenceException e) {
            throw emailTaken();
        }
        sendVerification(user, registration.next());
        return user;
    }

    /**
     * Gives a signed-in account made by Discord or Twitch an email address and a password, so it can also sign
     * in with them once the mailed link confirms the address.
     */
    public User addEmail(Caller caller, String email, String password, Origin origin) {
        mailer.requireDelivery(); // the address could never be confirmed
        limiter.check(RateLimiter.Bucket.REGISTER_IP, origin.ipAddress());
        User user = accounts.find(caller.userId());
        if (user.email() != null) {
            throw new ConflictException("email-already-set", "Email address already set",
                    "Your account already has the address " + user.email() + ". Unlink it first to use another one.");
        }
        String normalized = User.normalizeEmail(email);
        passwords.checkPolicy(password, normalized, "password");
        if (accounts.byEmail(normalized).isPresent()) {
            throw emailTaken();
        }
        Instant now = clock.instant();
        user.addEmail(normalized, passwords.hash(password), now);
        LinkedIdentity identity = new LinkedIdentity(user, Provider.EMAIL, normalized, now);
        identity.refresh(normalized, user.displayName(), null, now);
        em.persist(identity);
        try {
            em.flush(); // the unique index decides between two accounts racing for one address
        } catch (PersistenceException e) {
            throw emailTaken();
        }
        sendVerification(user, "/account.html");
        return user;
    }

    /** Follows the mailed link: the address is confirmed, the token spent. */
    public User verifyEmail(String token) {
        User user = consume(token, OneTimeToken.Purpose.EMAIL_VERIFY, "verification");
        user.verifyEmail(clock.instant());
        return user;
    }

    /** Mails a new verification link when an unverified account has this address; silent otherwise. */
    public void resendVerification(String email, Origin origin) {
        String normalized = User.normalizeEmail(email);
        mailer.requireDelivery();
        limiter.check(RateLimiter.Bucket.RESET_IP, origin.ipAddress());
        limiter.checkAccount(RateLimiter.Bucket.RESET_ACCOUNT_IP, RateLimiter.Bucket.RESET_ACCOUNT,
                "verify:" + normalized, origin.ipAddress());
        accounts.byEmail(normalized).filter(user -> !user.emailVerified()).ifPresent(user -> sendVerification(user, null));
    }

    /**
     * Signs in with email and password. Unknown address and wrong password are one and the same
     * refusal, at the same cost; only the right password learns that the address is unverified.
     * Guesses count per address and per (account, address), so guessing elsewhere does not lock the
     * owner out; only guessing from many addresses meets the account's ceiling.
     */
    public SignedIn signIn(String email, String password, Origin origin) {
        String normalized = User.normalizeEmail(email);
        limiter.check(RateLimiter.Bucket.SIGN_IN_IP, origin.ipAddress());
        countPasswordAttempt(normalized, origin);
        Optional<User> found = accounts.byEmail(normalized);
        if (found.isEmpty() || !found.get().hasPassword()) {
            passwords.matches(password, TimingDecoy.hash(passwords));
            throw wrongCredentials();
        }
        User user = found.get();
        if (!passwords.matches(password, user.passwordHash())) {
            throw wrongCredentials();
        }
        passwordAccepted(normalized, origin);
        if (!user.emailVerified()) {
            throw new AccessDeniedException("email-not-verified", "Email not verified",
                    "Confirm your email address first with the link we mailed to " + user.email()
                            + ". No mail? Choose \"Send the link again\".");
        }
        BrowserSessions.Started session = sessions.start(user, AuthMethod.EMAIL, origin.userAgent(),
                origin.ipAddress());
        return new SignedIn(user, session, tokens.issue(user, AuthMethod.EMAIL));
    }

    /** Mails a reset link when an account has this address; silent otherwise (no account enumeration). */
    public void requestPasswordReset(String email, Origin origin) {
        String normalized = User.normalizeEmail(email);
        mailer.requireDelivery();
        limiter.check(RateLimiter.Bucket.RESET_IP, origin.ipAddress());
        limiter.checkAccount(RateLimiter.Bucket.RESET_ACCOUNT_IP, RateLimiter.Bucket.RESET_ACCOUNT, normalized,
                origin.ipAddress());
        accounts.byEmail(normalized).ifPresent(user -> {
            String token = issue(user, OneTimeToken.Purpose.PASSWORD_RESET, resetLifetime);
            mail.fire(new OutgoingMail(user.email(), "Reset your Paddock password",
                    "Hello " + user.displayName() + ",\n\n"
                            + "someone (hopefully you) asked to reset the password of your Paddock account. "
                            + "Choose a new one within " + describe(resetLifetime) + " here:\n\n"
                            + link("/reset.html?token=", token) + "\n\n"
                            + "The link works once. If you did not ask for it, ignore this mail: "
                            + "your password stays as it is.\n"));
        });
    }

    /**
     * Sets a new password with a mailed reset token (single use, expiring). Following the link also
     * proves the address, and every session and refresh token of the account ends.
     */
    public User resetPassword(String token, String newPassword) {
        User user = consume(token, OneTimeToken.Purpose.PASSWORD_RESET, "reset");
        passwords.checkPolicy(newPassword, user.email(), "newPassword");
        user.changePasswordHash(passwords.hash(newPassword));
        user.verifyEmail(clock.instant());
        sessions.endAllExcept(user.id(), null);
        tokens.revokeAll(user.id());
        notifyPasswordChanged(user, "every session of the account was signed out");
        return user;
    }

    /**
     * Changes the password of a signed-in user who knows the current one. Every other browser session
     * ends and every refresh token is revoked; the session making the change (if any) stays.
     */
    public void changePassword(Caller caller, String currentPassword, String newPassword, Origin origin) {
        User user = accounts.find(caller.userId());
        if (!user.hasPassword()) {
            throw new ConflictException("no-password", "No password to change",
                    "This account signs in through a provider and has no password.");
        }
        String account = user.email() != null ? user.email() : user.id().toString();
        countPasswordAttempt(account, origin);
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            throw new InvalidRequestException("wrong-password", "Wrong current password",
                    "The current password is not right.",
                    List.of(new Problem.FieldError("currentPassword", "is not your current password")));
        }
        passwordAccepted(account, origin);
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new InvalidRequestException("weak-password", "Password too weak",
                    "The password does not meet the password policy.",
                    List.of(new Problem.FieldError("newPassword", "must differ from the current password")));
        }
        passwords.checkPolicy(newPassword, user.email(), "newPassword");
        user.changePasswordHash(passwords.hash(newPassword));
        sessions.endAllExcept(user.id(), caller.sessionId());
        tokens.revokeAll(user.id());
        notifyPasswordChanged(user, "your other sessions were signed out");
    }

    /** A password guess on the account: counted from this address, and against the account's ceiling. */
    private void countPasswordAttempt(String account, Origin origin) {
        limiter.checkAccount(RateLimiter.Bucket.SIGN_IN_ACCOUNT_IP, RateLimiter.Bucket.SIGN_IN_ACCOUNT, account,
                origin.ipAddress());
    }

    /** The right password was no guess: its attempt is given back. */
    private void passwordAccepted(String account, Origin origin) {
        limiter.refundAccount(RateLimiter.Bucket.SIGN_IN_ACCOUNT_IP, RateLimiter.Bucket.SIGN_IN_ACCOUNT, account,
                origin.ipAddress());
    }

    /** Tells the owner, so a change they did not make does not go unnoticed. */
    private void notifyPasswordChanged(User user, String consequence) {
        if (user.email() == null) {
            return;
        }
        mail.fire(new OutgoingMail(user.email(), "Your Paddock password was changed",
                "Hello " + user.displayName() + ",\n\n"
                        + "the password of your Paddock account was changed and " + consequence + ".\n\n"
                        + "If this was not you, reset your password now:\n\n" + link("/reset.html", "") + "\n"));
    }

    private void sendVerification(User user, String next) {
        String token = issue(user, OneTimeToken.Purpose.EMAIL_VERIFY, verifyLifetime);
        mail.fire(new OutgoingMail(user.email(), "Confirm your email address for Paddock",
                "Hello " + user.displayName() + ",\n\n"
                        + "confirm the address of your new Paddock account within " + describe(verifyLifetime)
                        + " by opening this link:\n\n"
                        + link("/verify.html?token=", token)
                        + SameSitePath.of(next).map(path -> "&next=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                                .orElse("") + "\n\n"
                        + "If you did not create a Paddock account, ignore this mail.\n"));
    }

    /** A fresh token of this purpose; earlier unused ones of the same purpose stop working. */
    private String issue(User user, OneTimeToken.Purpose purpose, Duration lifetime) {
        Instant now = clock.instant();
        em.createNamedQuery(OneTimeToken.INVALIDATE_OPEN).setParameter("now", now).setParameter("userId", user.id())
                .setParameter("purpose", purpose).executeUpdate();
        String token = RandomSecrets.token();
        em.persist(new OneTimeToken(user, purpose, Digests.tokenHash(token), now, now.plus(lifetime)));
        return token;
    }

    /** Spends a one-time token: unknown, used and expired each have their own problem type. */
    private User consume(String token, OneTimeToken.Purpose purpose, String kind) {
        String hash = Digests.tokenHash(token);
        Instant now = clock.instant();
        List<OneTimeToken> found = em.createNamedQuery(OneTimeToken.BY_HASH, OneTimeToken.class)
                .setParameter("hash", hash).setParameter("purpose", purpose).getResultList();
        if (found.isEmpty()) {
            throw new InvalidRequestException(kind + "-token-invalid", "Invalid link",
                    "This " + kind + " link is not valid. Copy the whole link from the mail, or ask for a new one.");
        }
        OneTimeToken oneTime = found.get(0);
        if (oneTime.used()) {
            throw usedToken(kind);
        }
        if (oneTime.expiredAt(now)) {
            throw new InvalidRequestException(kind + "-token-expired", "Link expired",
                    "This " + kind + " link expired at " + oneTime.expiresAt() + ". Ask for a new one.");
        }
        int claimed = em.createNamedQuery(OneTimeToken.CLAIM).setParameter("now", now).setParameter("hash", hash)
                .executeUpdate();
        if (claimed == 0) {
            throw usedToken(kind);
        }
        return oneTime.user();
    }

    private static InvalidRequestException usedToken(String kind) {
        return new InvalidRequestException(kind + "-token-used", "Link already used",
                "This " + kind + " link was already used, or a newer one replaced it; each link works once. "
                        + "Ask for a new one if you need it.");
    }

    private String link(String path, String token) {
        return publicUrl.resolve(path + token);
    }

    private static String describe(Duration duration) {
        if (duration.toDays() >= 2 && duration.toHoursPart() == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 1 && duration.toMinutesPart() == 0) {
            return duration.toHours() == 1 ? "1 hour" : duration.toHours() + " hours";
        }
        return duration.toMinutes() + " minutes";
    }

    private static ConflictException emailTaken() {
        return new ConflictException("email-taken", "Email already registered",
                "An account with this email address exists. Sign in, or reset its password.");
    }

    private static UnauthenticatedException wrongCredentials() {
        return new UnauthenticatedException("invalid-credentials", "Wrong email or password",
                "The email address or the password is not right.");
    }

    /** A real PBKDF2 hash to check against when the account does not exist, so both refusals cost the same. */
    private static final class TimingDecoy {

        private static volatile String hash;

        static String hash(Passwords passwords) {
            String current = hash;
            if (current == null) {
                current = passwords.hash(UUID.randomUUID().toString());
                hash = current;
            }
            return current;
        }
    }
}
