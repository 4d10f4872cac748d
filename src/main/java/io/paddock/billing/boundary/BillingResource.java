package io.paddock.billing.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.billing.control.BillingSettings;
import io.paddock.billing.control.Checkout;
import io.paddock.billing.control.Plans;
import io.paddock.billing.control.StripeWebhooks;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.security.Signed;
import io.paddock.platform.web.NoStore;

/** Subscribing through Stripe's hosted pages, and Stripe's webhook (docs/billing.md). */
@Path("billing")
@Tag(name = "Billing")
@Produces(MediaType.APPLICATION_JSON)
public class BillingResource {

    /** Stripe's events are a few kilobytes; a body over this is refused unread. */
    public static final int MAX_WEBHOOK_BYTES = 1024 * 1024;

    public record CheckoutRequest(@NotBlank @Size(max = 32) String plan) {
    }

    /** Where to send the user: Stripe's Checkout or Customer Portal page. */
    public record HostedPage(String url) {
    }

    public record PriceView(String plan, String name, Integer priceCents, String currency, boolean forSale) {
    }

    public record BillingConfig(boolean enabled, String publishableKey, String apiVersion, List<PriceView> prices) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Checkout checkout;

    @Inject
    StripeWebhooks webhooks;

    @Inject
    BillingSettings settings;

    @Inject
    Plans plans;

    @GET
    @Path("config")
    @PermitAll
    @Operation(summary = "Whether billing is on, Stripe's publishable key and the plans' prices")
    public BillingConfig config() {
        boolean enabled = settings.enabled();
        return new BillingConfig(enabled, enabled ? settings.publishableKey().orElse(null) : null,
                com.stripe.Stripe.API_VERSION, plans.all().stream()
                        .map(p -> new PriceView(p.id(), p.name(), p.priceCents(), p.currency(), enabled && p.forSale()))
                        .toList());
    }

    @POST
    @Path("checkout")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @NoStore
    @Operation(summary = "A Stripe Checkout page subscribing you to the plan; 409 already-subscribed: use the portal")
    public HostedPage checkout(@Valid @NotNull CheckoutRequest request) {
        return new HostedPage(checkout.checkout(caller.require().userId(), request.plan()).url());
    }

    @POST
    @Path("portal")
    @RolesAllowed("user")
    @NoStore
    @Operation(summary = "A Stripe Customer Portal page to change or cancel your subscription")
    public HostedPage portal() {
        return new HostedPage(checkout.portal(caller.require().userId()).url());
    }

    @POST
    @Path("webhook")
    @Signed
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stripe's webhook: events signed with Stripe-Signature, each applied once")
    public StripeWebhooks.Receipt webhook(@HeaderParam("Stripe-Signature") String signature, InputStream body)
            throws IOException {
        byte[] raw = body.readNBytes(MAX_WEBHOOK_BYTES + 1);
        if (raw.length > MAX_WEBHOOK_BYTES) {
            throw new WebhookTooLarge();
        }
        return webhooks.receive(new String(raw, StandardCharsets.UTF_8), signature);
    }

    /** 413 {@code webhook-too-large}: nothing was read past the limit or stored. */
    static class WebhookTooLarge extends PaddockException {
        private static final long serialVersionUID = 1L;

        WebhookTooLarge() {
            super("webhook-too-large", "Webhook too large",
                    "A webhook body is at most " + MAX_WEBHOOK_BYTES + " bytes; Stripe's events are far smaller.");
        }

        @Override
        public int status() {
            return 413;
        }
    }
}
