package io.paddock.billing.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.StripeObject;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;

import io.paddock.billing.entity.BillingCustomer;
import io.paddock.billing.entity.BillingEvent;
import io.paddock.billing.entity.BillingEvent.Outcome;
import io.paddock.billing.entity.Plan;
import io.paddock.billing.entity.Subscription;
import io.paddock.identity.control.Accounts;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.UnauthenticatedException;
import io.paddock.platform.json.Json;

/**
 * Stripe's webhook events: the signature checked by stripe-java ({@code Stripe-Signature}, 300 s tolerance)
 * over the raw body, each event stored once under its id (a redelivery changes nothing) and applied in the
 * same transaction, so an event is either stored and applied or neither. Events may come late and out of
 * order: {@link Subscription} refuses what is older than it knows.
 */
@Stateless
public class StripeWebhooks {

    /** Seconds a signature stays valid: Stripe's own default, against replays. */
    public static final long TOLERANCE_SECONDS = 300;

    static final List<String> HANDLED = List.of("checkout.session.completed", "customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed");

    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BillingSettings settings;

    @Inject
    Plans plans;

    @Inject
    PlanAssignments assignments;

    @Inject
    Checkout checkout;

    @Inject
    Accounts accounts;

    /** What the endpoint answers: the event id, whether it was new, and what it did. */
    public record Receipt(String id, boolean duplicate, String outcome) {
    }

    /** A body that is no Stripe event, under a valid signature: 400 {@code webhook-invalid}. */
    public static class RefusedWebhook extends InvalidRequestException {
        private static final long serialVersionUID = 1L;

        RefusedWebhook(String detail) {
            super("webhook-invalid", "Not a Stripe event", detail);
        }
    }

    public Receipt receive(String payload, String signatureHeader) {
        Optional<String> secret = settings.webhookSecret();
        if (!settings.enabled() || secret.isEmpty()) {
            throw BillingOffException.create();
        }
        // Signed-path refusals, as for every signed endpoint: 401 signature-missing / signature-invalid.
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new UnauthenticatedException("signature-missing", "Signature missing",
                    "Stripe webhooks carry a Stripe-Signature header.");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, secret.get(), TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            throw new UnauthenticatedException("signature-invalid", "Invalid signature",
                    "The Stripe-Signature does not match this body under the webhook secret, or is older than "
                            + TOLERANCE_SECONDS + " s.");
        }
        try {
            if (!Json.mapper().readTree(payload).isObject()) {
                throw new RefusedWebhook("The body is not a Stripe event.");
            }
        } catch (JsonProcessingException e) {
            throw new RefusedWebhook("The body is not JSON.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, secret.get(), TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) { // verified just above; only a clock tick can land here
            throw new UnauthenticatedException("signature-invalid", "Invalid signature", "The Stripe-Signature expired.");
        }
        if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw new RefusedWebhook("The body is not a Stripe event (id, type and created are required).");
        }
        if (em.find(BillingEvent.class, event.getId()) != null) {
            return new Receipt(event.getId(), true, em.find(BillingEvent.class, event.getId()).outcome().name().toLowerCase());
        }
        Instant createdAt = Instant.ofEpochSecond(event.getCreated());
        BillingEvent stored = new BillingEvent(event.getId(), event.getType(), createdAt, clock.instant(), payload);
        em.persist(stored);
        em.flush(); // a concurrent delivery of the same event fails here, before anything is applied
        if (!HANDLED.contains(event.getType())) {
            stored.settle(Outcome.IGNORED, "not an event type Paddock acts on");
        } else {
            Optional<StripeObject> object = object(event);
            if (object.isEmpty()) {
                stored.settle(Outcome.UNREADABLE, "event of API version " + event.getApiVersion()
                        + " could not be read; set the endpoint's API version to " + com.stripe.Stripe.API_VERSION);
            } else {
                Result result = apply(event.getType(), object.get(), createdAt);
                stored.settle(result.outcome(), result.note());
            }
        }
        if (stored.outcome() == Outcome.UNKNOWN_CUSTOMER || stored.outcome() == Outcome.UNREADABLE) {
            LOG.warning(() -> "Stripe event " + stored.id() + " (" + stored.type() + ") flagged " + stored.outcome()
                    + ": " + stored.note());
        }
        return new Receipt(stored.id(), false, stored.outcome().name().toLowerCase());
    }

    /** Events flagged for an admin: unknown customers and unreadable events, newest first. */
    public List<BillingEvent> flagged() {
        return em.createNamedQuery(BillingEvent.FLAGGED, BillingEvent.class)
                .setParameter("outcomes", List.of(Outcome.UNKNOWN_CUSTOMER, Outcome.UNREADABLE)).setMaxResults(200)
                .getResultList();
    }

    record Result(Outcome outcome, String note) {
    }

    private Result apply(String type, StripeObject object, Instant eventAt) {
        return switch (type) {
            case "checkout.session.completed" -> checkoutCompleted((Session) object, eventAt);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                subscription((com.stripe.model.Subscription) object, eventAt);
            case "invoice.paid" -> invoice((Invoice) object, eventAt, true);
            case "invoice.payment_failed" -> invoice((Invoice) object, eventAt, false);
            default -> new Result(Outcome.IGNORED, null);
        };
    }

    /** The customer is linked to the user named by client_reference_id, then the subscription read from Stripe. */
    private Result checkoutCompleted(Session session, Instant eventAt) {
        Optional<UUID> user = existingUser(session.getClientReferenceId());
        if (user.isEmpty() || session.getCustomer() == null) {
            return new Result(Outcome.UNKNOWN_CUSTOMER, "client_reference_id " + session.getClientReferenceId()
                    + " is no Paddock user");
        }
        Optional<UUID> linked = checkout.userOfCustomer(session.getCustomer());
        if (linked.isPresent() && !linked.get().equals(user.get())) {
            return new Result(Outcome.UNKNOWN_CUSTOMER, "customer " + session.getCustomer() + " belongs to another user");
        }
        if (linked.isEmpty() && em.find(BillingCustomer.class, user.get()) == null) {
            em.persist(new BillingCustomer(user.get(), session.getCustomer(), clock.instant()));
        }
        if (session.getSubscription() == null) {
            return new Result(Outcome.APPLIED, "customer linked; no subscription in the session");
        }
        com.stripe.model.Subscription subscription;
        try {
            subscription = settings.client().v1().subscriptions().retrieve(session.getSubscription());
        } catch (StripeException e) {
            // Rolls the stored event back too: Stripe delivers it again later.
            throw new StripeUnavailableException("Stripe could not be asked for subscription " + session.getSubscription()
                    + "; the event will be delivered again.");
        }
        return subscription(subscription, eventAt);
    }

    private Result subscription(com.stripe.model.Subscription s, Instant eventAt) {
        Optional<UUID> user = userOf(s.getCustomer(), s.getMetadata());
        if (user.isEmpty()) {
            return new Result(Outcome.UNKNOWN_CUSTOMER, "customer " + s.getCustomer() + " is not linked to a Paddock user");
        }
        SubscriptionItem item = s.getItems() == null || s.getItems().getData() == null || s.getItems().getData().isEmpty()
                ? null : s.getItems().getData().get(0);
        String priceId = item != null && item.getPrice() != null ? item.getPrice().getId() : null;
        Optional<Plan> plan = plans.byStripePrice(priceId)
                .or(() -> plans.byId(s.getMetadata() == null ? null : s.getMetadata().get(Checkout.PLAN)));
        if (plan.isEmpty()) {
            return new Result(Outcome.UNREADABLE, "price " + priceId + " sells no plan");
        }
        Instant periodEnd = item != null && item.getCurrentPeriodEnd() != null
                ? Instant.ofEpochSecond(item.getCurrentPeriodEnd()) : null;
        Subscription row = em.find(Subscription.class, s.getId());
        if (row == null) {
            row = new Subscription(s.getId(), user.get(), plan.get().id(), eventAt);
            em.persist(row);
        }
        boolean changed = row.describe(plan.get().id(), s.getStatus() == null ? "incomplete" : s.getStatus(), periodEnd,
                Boolean.TRUE.equals(s.getCancelAtPeriodEnd()), eventAt, clock.instant());
        if (!changed) {
            return new Result(Outcome.STALE, "subscription " + s.getId() + " already has newer news");
        }
        assignments.subscriptionsChanged(row.userId());
        return new Result(Outcome.APPLIED, "subscription " + s.getId() + " " + row.status());
    }

    private Result invoice(Invoice invoice, Instant eventAt, boolean paid) {
        String subscriptionId = invoice.getParent() != null && invoice.getParent().getSubscriptionDetails() != null
                ? invoice.getParent().getSubscriptionDetails().getSubscription() : null;
        if (subscriptionId == null) {
            return new Result(Outcome.IGNORED, "invoice " + invoice.getId() + " is not for a subscription");
        }
        Subscription row = em.find(Subscription.class, subscriptionId);
        if (row == null) {
            // The invoice came before the subscription's own events: learn the subscription from Stripe first.
            Optional<UUID> user = userOf(invoice.getCustomer(), Map.of());
            if (user.isEmpty()) {
                return new Result(Outcome.UNKNOWN_CUSTOMER, "customer " + invoice.getCustomer()
                        + " is not linked to a Paddock user");
            }
            try {
                Result known = subscription(settings.client().v1().subscriptions().retrieve(subscriptionId), Instant.EPOCH);
                if (known.outcome() != Outcome.APPLIED) {
                    return known;
                }
            } catch (StripeException e) {
                throw new StripeUnavailableException("Stripe could not be asked for subscription " + subscriptionId
                        + "; the event will be delivered again.");
            }
            row = em.find(Subscription.class, subscriptionId);
        }
        boolean changed = paid ? row.paid(periodEnd(invoice), eventAt, clock.instant())
                : row.paymentFailed(eventAt, clock.instant());
        if (!changed) {
            return new Result(Outcome.STALE, "subscription " + subscriptionId + " already has newer news");
        }
        assignments.subscriptionsChanged(row.userId());
        return new Result(Outcome.APPLIED, "subscription " + subscriptionId + (paid ? " paid" : " payment failed"));
    }

    /** The end of the period an invoice pays for: the latest end among its lines. */
    private static Instant periodEnd(Invoice invoice) {
        if (invoice.getLines() == null || invoice.getLines().getData() == null) {
            return null;
        }
        return invoice.getLines().getData().stream().map(InvoiceLineItem::getPeriod)
                .filter(p -> p != null && p.getEnd() != null).map(p -> Instant.ofEpochSecond(p.getEnd()))
                .max(Instant::compareTo).orElse(null);
    }

    /** The user of a Stripe customer: the stored link, else the user id Paddock put in the metadata. */
    private Optional<UUID> userOf(String customerId, Map<String, String> metadata) {
        Optional<UUID> linked = customerId == null ? Optional.empty() : checkout.userOfCustomer(customerId);
        if (linked.isPresent()) {
            return linked;
        }
        return existingUser(metadata == null ? null : metadata.get(Checkout.USER_ID));
    }

    private Optional<UUID> existingUser(String id) {
        if (id == null) {
            return Optional.empty();
        }
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Asked without a 404 problem: that would roll the stored event back.
        return accounts.displayNames(List.of(userId)).containsKey(userId) ? Optional.of(userId) : Optional.empty();
    }

    private static Optional<StripeObject> object(Event event) {
        Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
        if (object.isPresent()) {
            return object;
        }
        try {
            return Optional.ofNullable(event.getDataObjectDeserializer().deserializeUnsafe());
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
