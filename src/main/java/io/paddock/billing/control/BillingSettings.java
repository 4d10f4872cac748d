package io.paddock.billing.control;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.stripe.StripeClient;

/**
 * Billing's settings ({@code paddock.billing.*}, docs/configuration.md) and the one Stripe client. Without
 * a secret key billing is off: no checkout, no portal, webhooks refused, and everybody is on the default plan.
 */
@ApplicationScoped
public class BillingSettings {

    /** Stripe's API; a loopback stand-in in tests. */
    static final String STRIPE_API = "https://api.stripe.com";

    @Inject
    @ConfigProperty(name = "paddock.billing.stripe.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "paddock.billing.stripe.publishable-key")
    Optional<String> publishableKey;

    @Inject
    @ConfigProperty(name = "paddock.billing.stripe.webhook-secret")
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "paddock.billing.stripe.api-base", defaultValue = STRIPE_API)
    String apiBase;

    @Inject
    @ConfigProperty(name = "paddock.billing.renewal-grace", defaultValue = "PT24H")
    Duration renewalGrace;

    private StripeClient client;

    @PostConstruct
    void connect() {
        if (enabled()) {
            // Stripe's own retries (with the same idempotency key) on network errors and 409/429/5xx answers.
            client = StripeClient.builder().setApiKey(secretKey.get().strip()).setApiBase(apiBase)
                    .setMaxNetworkRetries(2).setConnectTimeout(10_000).setReadTimeout(30_000).build();
        }
    }

    /** Whether billing is on: a Stripe secret key is configured. */
    public boolean enabled() {
        return secretKey.filter(k -> !k.isBlank()).isPresent();
    }

    /** The Stripe client; only while billing is on. */
    public StripeClient client() {
        if (client == null) {
            throw BillingOffException.create();
        }
        return client;
    }

    public Optional<String> publishableKey() {
        return publishableKey.filter(k -> !k.isBlank()).map(String::strip);
    }

    /** The webhook signing secret ({@code whsec_…}); none means every webhook is refused. */
    public Optional<String> webhookSecret() {
        return webhookSecret.filter(k -> !k.isBlank()).map(String::strip);
    }

    /** How long after a paying subscription's period end its plan still holds while the renewal's events arrive. */
    public Duration renewalGrace() {
        return renewalGrace;
    }
}
