package io.paddock.identity;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.testing.Deployments;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * The access matrix, generated from what the server deployed ({@link RoutesResource}): every route of ours,
 * called by anonymous, user, support, admin and superadmin. Below the route's least role a caller gets 401
 * (anonymous) or 403; at or above it, neither. Signed routes refuse every unsigned request, whatever user
 * credential comes with it. A deployed route without an expectation here fails the test, and so does an
 * expectation whose route no longer exists.
 */
@PaddockIT
class AccessControlIT {

    /** Anyone may call it. */
    static final String PUBLIC = "anonymous";
    /** Only a correctly signed request gets through; user credentials count for nothing. */
    static final String SIGNED = "signed";
    /**
     * Signed, or the minimal {version} heartbeat with a user's bearer token (unverified presence): without a
     * credential the signed-path refusal, with one the endpoint reads it (any user is admitted).
     */
    static final String SIGNED_OR_PRESENCE = "signed-or-presence";

    static final List<String> CALLERS = List.of("anonymous", "user", "support", "admin", "superadmin");
    private static final Map<String, Integer> LEVEL = Map.of("anonymous", 0, "user", 1, "support", 2, "admin", 3,
            "superadmin", 4);

    /**
     * Who may call each route: the least role, {@link #PUBLIC} or {@link #SIGNED}. Keys are "METHOD path" as
     * deployed; {@code *} is a servlet answering any method, {@code WS} a WebSocket handshake.
     */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            entry("GET /.well-known/jwks.json", PUBLIC),
            // The container's error pages (problem+json under /api, the site's page elsewhere).
            entry("* /error", PUBLIC),
            entry("GET /*.html", PUBLIC),
            entry("GET /race/*", PUBLIC),
            entry("GET /invite/*", PUBLIC),
            entry("GET /races/new", PUBLIC),
            entry("GET /auth/token", PUBLIC),
            entry("GET /gate", PUBLIC),
            entry("GET /account", PUBLIC),
            entry("GET /podiums", PUBLIC),
            entry("GET /status", PUBLIC),
            entry("GET /signin", PUBLIC),
            entry("GET /register", PUBLIC),
            entry("GET /verify", PUBLIC),
            entry("GET /reset", PUBLIC),
            entry("GET /qr", PUBLIC),
            entry("GET /my-results", PUBLIC),
            entry("GET /admin", PUBLIC),
            entry("GET /blog/*", PUBLIC),
            entry("GET /pricing", PUBLIC),
            entry("GET /billing", PUBLIC),
            entry("GET /transfers", PUBLIC),
            entry("GET /discord", PUBLIC),
            entry("GET /api-reference", PUBLIC),
            entry("GET /api/info", PUBLIC),
            // Identity
            entry("GET /api/auth/config", PUBLIC),
            entry("GET /api/auth/me", "user"),
            entry("POST /api/auth/refresh", PUBLIC),
            entry("POST /api/auth/logout", PUBLIC),
            entry("POST /api/auth/logout-everywhere", "user"),
            entry("GET /api/profile/me", "user"),
            entry("GET /api/auth/sessions", "user"),
            entry("DELETE /api/auth/sessions/{id}", "user"),
            entry("GET /api/auth/api-keys", "user"),
            entry("POST /api/auth/api-keys", "user"),
            entry("DELETE /api/auth/api-keys/{id}", "user"),
            entry("POST /api/auth/register", PUBLIC),
            entry("POST /api/auth/verify-email", PUBLIC),
            entry("POST /api/auth/resend-verification", PUBLIC),
            entry("POST /api/auth/login", PUBLIC),
            entry("POST /api/auth/password-reset", PUBLIC),
            entry("POST /api/auth/password-reset/confirm", PUBLIC),
            entry("POST /api/auth/change-password", "user"),
            entry("POST /api/auth/email", "user"),
            entry("DELETE /api/auth/identities/{provider}", "user"),
            entry("GET /auth/discord", PUBLIC),
            entry("GET /auth/callback", PUBLIC),
            entry("GET /api/auth/twitch", PUBLIC),
            entry("GET /api/auth/callback", PUBLIC),
            entry("POST /api/auth/discord/exchange", PUBLIC),
            entry("POST /api/auth/token-generate", "user"),
            entry("POST /api/auth/token-exchange", PUBLIC),
            entry("POST /api/auth/qr-sessions", PUBLIC),
            entry("GET /api/auth/qr-sessions/{id}", "user"),
            entry("POST /api/auth/qr-sessions/{id}/approve", "user"),
            entry("GET /api/auth/qr-status/{id}", PUBLIC),
            entry("GET /api/admin/users", "support"),
            entry("GET /api/admin/users/{id}", "support"),
            entry("PUT /api/admin/users/{id}/role", "superadmin"),
            entry("POST /api/admin/users/{id}/sign-out", "admin"),
            entry("POST /api/admin/users/{id}/suspend", "admin"),
            entry("POST /api/admin/users/{id}/restore", "admin"),
            entry("GET /api/admin/audit", "admin"),
            entry("GET /api/admin/search", "support"),
            entry("GET /api/admin/flags", "superadmin"),
            entry("PUT /api/admin/flags/{name}", "superadmin"),
            entry("GET /api/admin/config/history", "superadmin"),
            // Blog
            entry("GET /blog/feed.atom", PUBLIC),
            entry("GET /api/blog/articles", PUBLIC),
            entry("GET /api/blog/articles/{slug}", PUBLIC),
            entry("GET /api/admin/blog/articles", "admin"),
            entry("POST /api/admin/blog/articles", "admin"),
            entry("GET /api/admin/blog/articles/{id}", "admin"),
            entry("PUT /api/admin/blog/articles/{id}", "admin"),
            entry("POST /api/admin/blog/articles/{id}/delete", "admin"),
            entry("POST /api/admin/blog/preview", "admin"),
            entry("GET /api/admin/results", "support"),
            entry("POST /api/admin/results/{id}/review", "admin"),
            entry("PUT /api/admin/members/{id}/verification", "admin"),
            // Telemetry
            entry("GET /api/plugin/installations", "user"),
            entry("POST /api/plugin/installations", "user"),
            entry("DELETE /api/plugin/installations/{id}", "user"),
            entry("POST /api/plugin/heartbeat", SIGNED_OR_PRESENCE),
            entry("* /api/plugin/heartbeat", SIGNED_OR_PRESENCE),
            entry("POST /api/plugin/challenge", SIGNED),
            entry("POST /api/plugin/results", SIGNED),
            entry("GET /api/results", "user"),
            entry("GET /api/users/{id}/podiums", PUBLIC),
            entry("GET /api/podiums/leaderboard", PUBLIC),
            entry("GET /api/admin/members/{id}/verification", "admin"),
            entry("GET /api/members/me/verification", "user"),
            entry("GET /api/plugin/download", PUBLIC),
            // Racing
            entry("GET /api/pools", PUBLIC),
            entry("POST /api/admin/pools/scan", "admin"),
            entry("POST /api/admin/races/{raceId}/cancel", "admin"),
            entry("POST /api/admin/races/{raceId}/delete", "admin"),
            entry("POST /api/admin/races/{raceId}/reset", "admin"),
            entry("POST /api/admin/races/{raceId}/participants/{participantId}/remove", "admin"),
            entry("GET /api/races", PUBLIC),
            entry("POST /api/races", "user"),
            entry("GET /api/races/{raceId}", PUBLIC),
            entry("GET /api/races/history", PUBLIC),
            entry("GET /api/races/mine", "user"),
            entry("GET /api/races/{raceId}/attempts", PUBLIC),
            entry("POST /api/races/{raceId}/participants", "user"),
            entry("DELETE /api/races/{raceId}/participants/{participantId}", "user"),
            entry("POST /api/races/{raceId}/participants/{participantId}/regenerate-token", "user"),
            entry("POST /api/races/{raceId}/generate-zips", "user"),
            entry("GET /api/races/{raceId}/my-pack", "user"),
            entry("GET /api/races/{raceId}/download/{modToken}", PUBLIC),
            entry("GET /api/races/{raceId}/download/{modToken}/torrent", PUBLIC),
            entry("POST /api/races/{raceId}/start", "user"),
            entry("POST /api/races/{raceId}/open", "user"),
            entry("POST /api/races/{raceId}/reset", "user"),
            entry("POST /api/races/{raceId}/reroll", "user"),
            entry("GET /api/invite/{token}", PUBLIC),
            entry("POST /api/invite/{token}/accept", "user"),
            entry("WS /ws/mod/{race_id}", PUBLIC),
            entry("WS /ws/race/{race_id}", PUBLIC),
            // Billing
            entry("GET /api/plans", PUBLIC),
            entry("GET /api/usage", "user"),
            entry("GET /api/billing/config", PUBLIC),
            entry("POST /api/billing/checkout", "user"),
            entry("POST /api/billing/portal", "user"),
            entry("POST /api/billing/webhook", SIGNED),
            entry("GET /api/admin/billing/plans", "admin"),
            entry("PUT /api/admin/billing/plans/{id}", "superadmin"),
            entry("GET /api/admin/billing/plans/{id}/history", "admin"),
            entry("GET /api/admin/billing/users/{id}", "support"),
            entry("PUT /api/admin/billing/users/{id}", "admin"),
            entry("GET /api/admin/billing/events", "admin"),
            // Discord rooms
            entry("POST /api/create-room", "user"),
            entry("DELETE /api/end-room/{channelId}", "user"),
            entry("GET /api/discord/features", PUBLIC),
            entry("GET /api/discord/races/{raceId}/room", PUBLIC),
            entry("GET /api/admin/discord", "admin"),
            entry("POST /api/internal/events", SIGNED),
            entry("WS /api/ws", PUBLIC),
            // Transfers
            entry("POST /api/jobs", "user"),
            entry("GET /api/jobs", "user"),
            entry("GET /api/jobs/events", "user"),
            entry("GET /api/jobs/{jobId}", "user"),
            entry("DELETE /api/jobs/{jobId}", "user"),
            entry("POST /api/jobs/{jobId}/pause", "user"),
            entry("POST /api/jobs/{jobId}/resume", "user"),
            entry("POST /api/jobs/{jobId}/cancel", "user"),
            entry("GET /api/jobs/{jobId}/files", "user"),
            entry("PUT /api/jobs/{jobId}/files/{fileId}", "user"),
            entry("GET /api/jobs/{jobId}/torrent", "user"),
            entry("GET /api/jobs/{jobId}/events", "user"),
            entry("GET /api/files/{fileId}/download", "user"),
            entry("POST /api/files/{fileId}/share", "user"),
            entry("GET /api/files/{fileId}/shared", PUBLIC),
            entry("GET /api/transfers/usage", "user"),
            entry("GET /api/admin/transfers/blocklist", "admin"),
            entry("GET /api/admin/transfers/jobs/{jobId}", "support"),
            entry("PUT /api/admin/transfers/blocklist/{infoHash}", "admin"),
            entry("POST /api/admin/transfers/blocklist/{infoHash}/unblock", "admin"),
            entry("POST /api/admin/transfers/engine/restart", "admin"),
            entry("POST /api/admin/transfers/housekeeping", "admin"),
            entry("GET /api/admin/transfers/provider", "admin"),
            entry("PUT /api/admin/transfers/provider", "admin"),
            entry("GET /api/admin/transfers/provider/history", "admin"),
            entry("GET /api/admin/transfers/nodes", "support"),
            entry("POST /api/admin/transfers/nodes/{nodeId}/{operation}", "admin"),
            entry("GET /api/admin/dlq", "support"),
            entry("POST /api/admin/dlq/{jobId}/replay", "admin"),
            entry("WS /ws/transfers", PUBLIC));

    /** Routes only the tests deploy; not part of the product. */
    private static final Pattern TEST_ONLY = Pattern.compile("/api/test-(support|routes)(/.*)?");
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]+}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport().addClasses(RoutesResource.class, RoutesResource.Route.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void everyDeployedRouteHasAnExpectationAndEveryExpectationARoute() {
        Map<String, String> deployed = deployedRoutes(new Http(base));
        List<String> failures = new ArrayList<>();
        deployed.forEach((route, handler) -> {
            if (!EXPECTED.containsKey(route)) {
                failures.add(route + " (" + handler + ") is deployed but has no expectation: add who may call it.");
            }
        });
        for (String route : new TreeSet<>(EXPECTED.keySet())) {
            if (!deployed.containsKey(route)) {
                failures.add(route + " has an expectation but is not deployed: remove it.");
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyRouteAdmitsExactlyTheCallersItDeclares() {
        Http http = new Http(base);
        List<String> failures = new ArrayList<>();
        for (String route : deployedRoutes(http).keySet()) {
            String expected = EXPECTED.get(route);
            if (expected == null) {
                continue; // reported by the test above
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = TEMPLATE.matcher(route.substring(route.indexOf(' ') + 1))
                    .replaceAll(match -> UUID.randomUUID().toString());
            for (String caller : CALLERS) {
                // A fresh user per call: logout-everywhere must not revoke the next call's credentials.
                String[] auth = caller.equals("anonymous") ? new String[0]
                        : http.bearer(http.newUser(caller).path("accessToken").asText());
                String outcome = method.equals("WS") ? handshake(path, auth) : check(call(http, method, path, auth),
                        expected, caller);
                if (method.equals("WS") && !outcome.equals("101")) {
                    failures.add(route + " as " + caller + ": handshake refused with " + outcome);
                } else if (!method.equals("WS") && outcome != null) {
                    failures.add(route + " as " + caller + ": " + outcome);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void signedRoutesResolveNoUserAtAll() {
        Http http = new Http(base);
        JsonNode admin = http.newUser("admin");
        // A forged bearer token is refused on any other path (invalid-token); here nobody even reads it.
        Problems.assertProblem(http.send("POST", "api/plugin/challenge", "application/json", "{}",
                "Authorization", "Bearer forged"), 401, "/problems/signature-missing");
        Problems.assertProblem(http.send("POST", "api/auth/api-keys", "application/json", "{}",
                "Authorization", "Bearer forged"), 401, "/problems/invalid-token");
        // A browser session without its CSRF token would be refused (403) on a state change elsewhere.
        String[] cookie = {"Cookie", "paddock_session=" + admin.path("sessionCookie").asText()};
        Problems.assertProblem(http.send("POST", "api/plugin/results", "application/json", "{}", cookie), 401,
                "/problems/signature-missing");
        // Unsigned, a heartbeat's bearer credential is checked by the endpoint: presence only, never telemetry.
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "application/json", "{}",
                "Authorization", "Bearer forged"), 401, "/problems/invalid-token");
        Problems.assertProblem(http.send("POST", "api/plugin/heartbeat", "application/json", "{}",
                http.bearer(admin.path("apiKey").asText())), 400, "/problems/validation");
    }

    static final String JUSTIFIED = ",\"reason\":\"Role change under test\",\"ticketId\":\"TEST-1\"";

    @Test
    void superadminChangesRolesWithOptimisticLocking() {
        Http http = new Http(base);
        JsonNode superadmin = http.newUser("superadmin");
        JsonNode user = http.newUser("user");
        String[] auth = http.bearer(superadmin.path("accessToken").asText());
        String path = "api/admin/users/" + user.path("userId").asText();
        long version = http.get(path, auth).json().path("version").asLong();

        Reply granted = http.send("PUT", path + "/role", "application/json",
                "{\"role\":\"support\",\"version\":" + version + JUSTIFIED + "}", auth);
        assertEquals(200, granted.status(), granted.body());
        assertEquals("support", granted.json().path("role").asText());
        Problems.assertProblem(http.send("PUT", path + "/role", "application/json",
                "{\"role\":\"admin\",\"version\":" + version + JUSTIFIED + "}", auth), 409, "/problems/concurrent-update");
        Problems.assertProblem(http.send("PUT", path + "/role", "application/json",
                "{\"role\":\"emperor\",\"version\":1" + JUSTIFIED + "}", auth), 400, "/problems/validation");
        Problems.assertProblem(http.send("PUT", "api/admin/users/" + superadmin.path("userId").asText() + "/role",
                "application/json", "{\"role\":\"user\",\"version\":0" + JUSTIFIED + "}", auth), 409, "/problems/own-role");
    }

    /** "METHOD path" → handler of every product route the server deployed. */
    private static Map<String, String> deployedRoutes(Http http) {
        Reply reply = http.get("api/test-routes");
        assertEquals(200, reply.status(), reply.body());
        Map<String, String> routes = new LinkedHashMap<>();
        for (JsonNode route : reply.json()) {
            String path = route.path("path").asText();
            if (!TEST_ONLY.matcher(path).matches()) {
                routes.put(route.path("method").asText() + " " + path, route.path("handler").asText());
            }
        }
        assertFalse(routes.isEmpty(), reply.body());
        return routes;
    }

    /**
     * Bodies are empty JSON objects: a call that gets through fails validation, so nothing is created or mailed.
     * Event streams get an unusable Last-Event-ID, so an admitted call is answered at once instead of streaming.
     */
    private static Reply call(Http http, String method, String path, String[] auth) {
        String sent = method.equals("*") ? "POST" : method;
        boolean body = sent.equals("POST") || sent.equals("PUT") || sent.equals("PATCH");
        String[] headers = auth;
        if (path.endsWith("/events")) {
            headers = java.util.Arrays.copyOf(auth, auth.length + 2);
            headers[auth.length] = "Last-Event-ID";
            headers[auth.length + 1] = "not-an-id";
        }
        return http.send(sent, path.substring(1), body ? "application/json" : null, body ? "{}" : null, headers);
    }

    /** Null when the reply is what the route's declaration promises this caller, otherwise what went wrong. */
    private static String check(Reply reply, String expected, String caller) {
        int status = reply.status();
        if (expected.equals(SIGNED_OR_PRESENCE)) {
            expected = caller.equals("anonymous") ? SIGNED : "user";
        }
        if (expected.equals(SIGNED)) {
            return status == 401 && reply.body().contains("/problems/signature-missing") ? null
                    : "expected the signed-path refusal (401 signature-missing), got " + status + " " + reply.body();
        }
        if (LEVEL.get(caller) >= LEVEL.get(expected)) {
            return status != 401 && status != 403 ? null : "expected to be admitted, got " + status + " " + reply.body();
        }
        String type = caller.equals("anonymous") ? "/problems/unauthenticated" : "/problems/forbidden";
        int refusal = caller.equals("anonymous") ? 401 : 403;
        return status == refusal && reply.body().contains("\"" + type + "\"") ? null
                : "expected " + refusal + " " + type + ", got " + status + " " + reply.body();
    }

    /** The handshake's status: 101 when the socket opened (then closed again at once). */
    private String handshake(String path, String[] auth) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i + 1 < auth.length; i += 2) {
            builder.header(auth[i], auth[i + 1]);
        }
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path.substring(1));
        try {
            WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            }).get(30, TimeUnit.SECONDS);
            // The server may have closed it first (an unknown race closes with 4004 at once): still a 101.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").handle((sent, failure) -> sent).join();
            return "101";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode() + " " + refused.getResponse().body();
            }
            return e.getCause().toString();
        } catch (TimeoutException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
