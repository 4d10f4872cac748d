package io.paddock.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;

/** What the billing tests set up through the API: the stand-in's Stripe prices on Pro and Business. */
final class BillingFixtures {

    static final String PRO_PRICE = "price_pro_stand_in";
    static final String BUSINESS_PRICE = "price_business_stand_in";

    private BillingFixtures() {
    }

    /** Puts the stand-in's prices on Pro and Business (a superadmin's edit) unless there; the superadmin. */
    static JsonNode sellPlans(Http http) {
        JsonNode superadmin = http.newUser("superadmin");
        for (JsonNode details : http.get("api/admin/billing/plans", auth(http, superadmin)).json()) {
            String id = details.path("plan").path("id").asText();
            String price = id.equals("pro") ? PRO_PRICE : id.equals("business") ? BUSINESS_PRICE : null;
            if (price != null && !price.equals(details.path("stripePriceId").asText(null))) {
                Reply edited = http.send("PUT", "api/admin/billing/plans/" + id, "application/json",
                        edit(details.path("plan"), price, "Sell it through the Stripe stand-in"), auth(http, superadmin));
                assertEquals(200, edited.status(), edited.body());
            }
        }
        return superadmin;
    }

    /** A bearer header pair with the user's API key (it outlives a moved test clock). */
    static String[] auth(Http http, JsonNode user) {
        return http.bearer(user.path("apiKey").asText());
    }

    /** The body of a plan edit: the plan as read, with this Stripe price and reason. */
    static String edit(JsonNode plan, String price, String reason) {
        StringBuilder json = new StringBuilder("{\"name\":\"").append(plan.path("name").asText()).append("\"");
        json.append(",\"priceCents\":").append(!plan.path("priceCents").isNumber() ? "null" : plan.path("priceCents").asText());
        json.append(",\"stripePriceId\":\"").append(price).append("\"");
        for (JsonNode line : plan.path("limits")) {
            json.append(",\"").append(camel(line.path("limit").asText())).append("\":").append(line.path("allowed").asLong());
        }
        json.append(",\"reason\":\"").append(reason).append("\",\"ticketId\":\"BILL-1\",\"version\":").append(plan.path("version").asLong())
                .append("}");
        return json.toString();
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
