package io.paddock.identity.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.Problem;

/**
 * The human check on registration: Cloudflare Turnstile, verified server-side, and only when
 * {@code paddock.turnstile.secret} is set (otherwise every request passes).
 */
@ApplicationScoped
public class Turnstile {

    private static final Logger LOG = Logger.getLogger(Turnstile.class.getName());

    @Inject
    @ConfigProperty(name = "paddock.turnstile.secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "paddock.turnstile.verify-url",
            defaultValue = "https://challenges.cloudflare.com/turnstile/v0/siteverify")
    URI verifyUrl;

    private TurnstileVerifier verifier;

    @PostConstruct
    void configure() {
        if (secret.isPresent() && !secret.get().isBlank()) {
            verifier = new TurnstileVerifier(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                    verifyUrl, secret.get());
        }
    }

    /** Refuses (400 {@code /problems/turnstile-failed}) unless Turnstile is off or vouches for the token. */
    public void check(String responseToken, String remoteIp) {
        if (verifier == null) {
            return;
        }
        TurnstileVerifier.Outcome outcome = verifier.verify(responseToken, remoteIp);
        if (!outcome.success()) {
            LOG.fine(() -> "Turnstile refused a registration from " + remoteIp + ": " + outcome.errorCodes());
            throw new InvalidRequestException("turnstile-failed", "Human check failed",
                    "The Turnstile check did not pass (" + String.join(", ", outcome.errorCodes())
                            + "). Reload the page and complete the check again.",
                    List.of(new Problem.FieldError("turnstileToken", "was not accepted by Turnstile")));
        }
    }
}
