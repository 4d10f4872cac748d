package io.paddock.billing.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import io.paddock.billing.entity.BillingCustomer;
import io.paddock.billing.entity.Plan;
import io.paddock.billing.entity.Subscription;
import io.paddock.identity.control.Accounts;
import io.paddock.identity.control.UserRef;
import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;

/**
 * Stripe's hosted pages: a Checkout Session that subscribes the user to a plan (the user's Stripe customer
 * created once and reused), and a Customer Portal session to change or cancel it. Paddock learns the
 * outcome only from signed webhooks ({@link StripeWebhooks}).
 */
@Stateless
public class Checkout {

    /** Metadata keys Paddock sets on sessions and subscriptions. */
    static final String USER_ID = "paddock_user_id";
    static final String PLAN = "paddock_plan";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BillingSettings settings;

    @Inject
    Plans plans;

    @Inject
    Accounts accounts;

    @Inject
    PublicUrl publicUrl;

    /** A hosted page to send the user to. */
    public record HostedPage(String url) {
    }

    /** A Checkout Session for the plan; 409 {@code already-subscribed} when the user has a live subscription. */
    public HostedPage checkout(UUID userId, String planId) {
        if (!settings.enabled()) {
            throw BillingOffException.create();
        }
        Plan plan = plans.byId(planId).orElseThrow(() -> new InvalidRequestException("unknown-plan", "Unknown plan",
                "No plan '" + planId + "' exists; GET /api/plans lists them.",
                List.of(new io.paddock.platform.errors.Problem.FieldError("plan", "unknown plan"))));
        if (!plan.forSale()) {
            throw new InvalidRequestException("plan-not-for-sale", "Plan not sold here",
                    "The " + plan.name() + " plan cannot be bought by checkout"
                            + (plan.priceCents() == null ? "; ask us for it." : "."),
                    List.of(new io.paddock.platform.errors.Problem.FieldError("plan", "not for sale")));
        }
        boolean subscribed = em.createNamedQuery(Subscription.OF_USER, Subscription.class).setParameter("userId", userId)
                .getResultStream().anyMatch(Subscription::live);
        if (subscribed) {
            throw new ConflictException("already-subscribed", "Already subscribed",
                    "You already have a subscription: change or cancel it in the billing portal (POST /api/billing/portal).");
        }
        String customer = customer(userId);
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customer)
                .setClientReferenceId(userId.toString())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(plan.stripePriceId()).setQuantity(1L).build())
                .setSuccessUrl(publicUrl.resolve("/billing?checkout=done"))
                .setCancelUrl(publicUrl.resolve("/pricing?checkout=cancelled"))
                .putMetadata(USER_ID, userId.toString()).putMetadata(PLAN, plan.id())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(USER_ID, userId.toString()).putMetadata(PLAN, plan.id()).build())
                .build();
        // One session per user, plan and ten minutes: a double click or a retried request opens the same page.
        long window = clock.instant().getEpochSecond() / 600;
        try {
            Session session = settings.client().v1().checkout().sessions().create(params,
                    RequestOptions.builder().setIdempotencyKey("checkout-" + userId + "-" + plan.id() + "-" + window)
                            .build());
            return new HostedPage(session.getUrl());
        } catch (StripeException e) {
            throw unavailable("open a checkout session", e);
        }
    }

    /** A Customer Portal session; 409 {@code no-subscription} for a user who never checked out. */
    public HostedPage portal(UUID userId) {
        if (!settings.enabled()) {
            throw BillingOffException.create();
        }
        BillingCustomer customer = em.find(BillingCustomer.class, userId);
        if (customer == null) {
            throw new ConflictException("no-subscription", "Nothing to manage",
                    "You have not subscribed yet: choose a plan on the pricing page first.");
        }
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customer.stripeCustomerId()).setReturnUrl(publicUrl.resolve("/billing"))
                .build();
        try {
            return new HostedPage(settings.client().v1().billingPortal().sessions().create(params).getUrl());
        } catch (StripeException e) {
            throw unavailable("open the billing portal", e);
        }
    }

    /** The user's Stripe customer id: the stored one, or a new customer (created once: keyed by the user). */
    private String customer(UUID userId) {
        BillingCustomer known = em.find(BillingCustomer.class, userId);
        if (known != null) {
            return known.stripeCustomerId();
        }
        UserRef user = accounts.ref(userId);
        CustomerCreateParams params = CustomerCreateParams.builder().setName(user.displayName())
                .putMetadata(USER_ID, userId.toString()).build();
        try {
            Customer customer = settings.client().v1().customers().create(params,
                    RequestOptions.builder().setIdempotencyKey("customer-" + userId).build());
            em.persist(new BillingCustomer(userId, customer.getId(), clock.instant()));
            return customer.getId();
        } catch (StripeException e) {
            throw unavailable("create your customer record", e);
        }
    }

    /** The user linked to a Stripe customer id, if any. */
    public Optional<UUID> userOfCustomer(String customerId) {
        return em.createNamedQuery(BillingCustomer.BY_STRIPE_ID, BillingCustomer.class)
                .setParameter("customerId", customerId).getResultStream().findFirst().map(BillingCustomer::userId);
    }

    private static StripeUnavailableException unavailable(String what, StripeException e) {
        return new StripeUnavailableException("Stripe could not " + what + " (" + e.getClass().getSimpleName()
                + (e.getStatusCode() != null ? ", HTTP " + e.getStatusCode() : "") + "); try again in a moment.");
    }
}
