package io.paddock.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stripe's API on loopback, as stripe-java calls it: form-encoded {@code POST /v1/customers},
 * {@code /v1/checkout/sessions}, {@code /v1/billing_portal/sessions} and {@code GET /v1/subscriptions/{id}},
 * bearer secret key, {@code Idempotency-Key} honoured (the same key answers the same object). Tests read the
 * requests it saw, put subscriptions in it (what Stripe holds after a paid checkout), and build webhook
 * events signed with {@link Webhook.Signature#generateSignatureHeader}.
 */
public final class FakeStripe implements StandIns.StandIn {

    public static final String SECRET_KEY = "sk_test_paddock_stand_in";
    public static final String PUBLISHABLE_KEY = "pk_test_paddock_stand_in";
    public static final String WEBHOOK_SECRET = "whsec_paddock_stand_in";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> BY_IDEMPOTENCY_KEY = new ConcurrentHashMap<>();
    private static final Map<String, String> SUBSCRIPTIONS = new ConcurrentHashMap<>();
    private static final List<Request> REQUESTS = java.util.Collections.synchronizedList(new ArrayList<>());

    /** One request Stripe received: method, path, the form fields, and the idempotency key. */
    public record Request(String method, String path, Map<String, String> form, String idempotencyKey) {
    }

    @Override
    public Map<String, String> install(HttpServer server, String baseUrl) {
        FakeOAuthProvider.handle(server, "/stripe/", this::api);
        FakeOAuthProvider.handle(server, "/stripe-pages/", exchange -> {
            byte[] page = "<!doctype html><title>Stripe stand-in</title><h1>Stripe stand-in page</h1>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        return Map.of("paddock.billing.stripe.secret-key", SECRET_KEY,
                "paddock.billing.stripe.publishable-key", PUBLISHABLE_KEY,
                "paddock.billing.stripe.webhook-secret", WEBHOOK_SECRET,
                "paddock.billing.stripe.api-base", baseUrl + "/stripe");
    }

    /** The requests seen so far on this path ({@code /v1/checkout/sessions}…), oldest first. */
    public static List<Request> requests(String path) {
        synchronized (REQUESTS) {
            return REQUESTS.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** What Stripe holds after a paid checkout: a subscription of the customer to the price. */
    public static String putSubscription(String customer, String priceId, String status, Instant periodEnd,
            boolean cancelAtPeriodEnd) {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        SUBSCRIPTIONS.put(id, subscription(id, customer, priceId, status, periodEnd, cancelAtPeriodEnd).toString());
        return id;
    }

    /** A subscription object as Stripe's API version of stripe-java writes it (period end on the item). */
    public static ObjectNode subscription(String id, String customer, String priceId, String status, Instant periodEnd,
            boolean cancelAtPeriodEnd) {
        ObjectNode s = JSON.createObjectNode().put("id", id).put("object", "subscription").put("customer", customer)
                .put("status", status).put("cancel_at_period_end", cancelAtPeriodEnd).put("livemode", false);
        s.putObject("metadata");
        ObjectNode items = s.putObject("items").put("object", "list");
        ObjectNode item = items.putArray("data").addObject().put("id", "si_" + id.substring(4)).put("object",
                "subscription_item");
        item.putObject("price").put("id", priceId).put("object", "price");
        item.put("current_period_start", periodEnd.minusSeconds(30L * 86_400).getEpochSecond())
                .put("current_period_end", periodEnd.getEpochSecond());
        return s;
    }

    public static ObjectNode checkoutSession(String customer, String subscription, String clientReferenceId) {
        ObjectNode s = JSON.createObjectNode().put("id", "cs_test_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "checkout.session").put("mode", "subscription").put("customer", customer)
                .put("subscription", subscription).put("client_reference_id", clientReferenceId)
                .put("status", "complete");
        s.putObject("metadata");
        return s;
    }

    public static ObjectNode invoice(String customer, String subscription, Instant periodEnd) {
        ObjectNode i = JSON.createObjectNode().put("id", "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14))
                .put("object", "invoice").put("customer", customer);
        i.putObject("parent").put("type", "subscription_details").putObject("subscription_details")
                .put("subscription", subscription);
        ObjectNode line = i.putObject("lines").put("object", "list").putArray("data").addObject()
                .put("id", "il_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14)).put("object", "line_item");
        line.putObject("period").put("start", periodEnd.minusSeconds(30L * 86_400).getEpochSecond())
                .put("end", periodEnd.getEpochSecond());
        return i;
    }

    /** An event of stripe-java's API version, its id new unless given. */
    public static String event(String id, String type, Instant created, ObjectNode object) {
        ObjectNode e = JSON.createObjectNode().put("id", id == null ? newEventId() : id).put("object", "event")
                .put("api_version", Stripe.API_VERSION).put("created", created.getEpochSecond()).put("type", type)
                .put("livemode", false).put("pending_webhooks", 1);
        e.putObject("data").set("object", object);
        e.putObject("request").putNull("id").putNull("idempotency_key");
        return e.toString();
    }

    public static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A valid {@code Stripe-Signature} for the body, made now. */
    public static String sign(String body) {
        return sign(body, WEBHOOK_SECRET, Instant.now());
    }

    public static String sign(String body, String secret, Instant at) {
        try {
            return Webhook.Signature.generateSignatureHeader(body, secret, at.getEpochSecond());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + SECRET_KEY).equals(auth)) {
            FakeOAuthProvider.send(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/stripe".length());
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        REQUESTS.add(new Request(method, path, form(body), key));
        if (key != null && BY_IDEMPOTENCY_KEY.containsKey(method + path + key)) {
            FakeOAuthProvider.send(exchange, 200, BY_IDEMPOTENCY_KEY.get(method + path + key));
            return;
        }
        String answer;
        String base = "http://" + exchange.getRequestHeaders().getFirst("Host");
        if ("POST".equals(method) && path.equals("/v1/customers")) {
            answer = JSON.createObjectNode().put("id", "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14))
                    .put("object", "customer").put("name", form(body).get("name")).toString();
        } else if ("POST".equals(method) && path.equals("/v1/checkout/sessions")) {
            String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
            answer = JSON.createObjectNode().put("id", id).put("object", "checkout.session").put("mode", "subscription")
                    .put("url", base + "/stripe-pages/checkout/" + id).toString();
        } else if ("POST".equals(method) && path.equals("/v1/billing_portal/sessions")) {
            String id = "bps_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
            answer = JSON.createObjectNode().put("id", id).put("object", "billing_portal.session")
                    .put("customer", form(body).get("customer")).put("url", base + "/stripe-pages/portal/" + id).toString();
        } else if ("GET".equals(method) && path.startsWith("/v1/subscriptions/")
                && SUBSCRIPTIONS.containsKey(path.substring("/v1/subscriptions/".length()))) {
            answer = SUBSCRIPTIONS.get(path.substring("/v1/subscriptions/".length()));
        } else {
            FakeOAuthProvider.send(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such "
                    + "resource: " + path + "\"}}");
            return;
        }
        if (key != null) {
            BY_IDEMPOTENCY_KEY.put(method + path + key, answer);
        }
        FakeOAuthProvider.send(exchange, 200, answer);
    }

    /** The form fields of a body, e.g. {@code line_items[0][price]}. */
    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
