package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The RBAC matrix: every endpoint so far, called by anonymous, user, support, admin and superadmin.
 * A caller below the endpoint's role gets 401 (anonymous) or 403; at or above it, neither.
 * Add a row for every new endpoint.
 */
@PaddockIT
class AccessControlIT {

    /** One endpoint and the least role that may call it ("anonymous" for public ones). */
    record Row(String method, String path, String body, String minimum) {
    }

    static final List<String> CALLERS = List.of("anonymous", "user", "support", "admin", "superadmin");

    static final List<Row> MATRIX = List.of(
            new Row("GET", "api/info", null, "anonymous"),
            new Row("GET", "api/auth/config", null, "anonymous"),
            new Row("GET", "api/auth/me", null, "user"),
            new Row("GET", "api/profile/me", null, "user"),
            new Row("GET", "api/auth/sessions", null, "user"),
            new Row("GET", "api/auth/api-keys", null, "user"),
            new Row("POST", "api/auth/api-keys", "{\"name\":\"matrix\"}", "user"),
            new Row("POST", "api/auth/logout-everywhere", null, "user"),
            // Email and password: bodies that fail validation, so no call creates, mails or rate-limits anything.
            new Row("POST", "api/auth/register", "{}", "anonymous"),
            new Row("POST", "api/auth/verify-email", "{}", "anonymous"),
            new Row("POST", "api/auth/resend-verification", "{}", "anonymous"),
            new Row("POST", "api/auth/login", "{}", "anonymous"),
            new Row("POST", "api/auth/password-reset", "{}", "anonymous"),
            new Row("POST", "api/auth/password-reset/confirm", "{}", "anonymous"),
            new Row("POST", "api/auth/change-password", "{}", "user"),
            new Row("GET", "auth/discord", null, "anonymous"),
            new Row("GET", "auth/callback?code=x&state=y", null, "anonymous"),
            new Row("GET", "api/auth/twitch", null, "anonymous"),
            new Row("GET", "api/auth/callback?code=x&state=y", null, "anonymous"),
            new Row("POST", "api/auth/discord/exchange",
                    "{\"code\":\"x\",\"code_verifier\":\"y\",\"redirect_uri\":\"http://elsewhere.invalid/\"}",
                    "anonymous"),
            new Row("POST", "api/auth/token-generate", null, "user"),
            new Row("POST", "api/auth/token-exchange", "{\"token\":\"\"}", "anonymous"),
            new Row("POST", "api/auth/qr-sessions", null, "anonymous"),
            new Row("POST", "api/auth/qr-sessions/00000000-0000-0000-0000-000000000001/approve", null, "user"),
            new Row("GET", "api/auth/qr-status/00000000-0000-0000-0000-000000000001", null, "anonymous"),
            new Row("GET", "api/admin/users", null, "support"),
            // Telemetry. The signed plugin endpoints (api/plugin/heartbeat, challenge, results) take no user
            // credential: they answer 401 to every unsigned caller, covered by TelemetryIT.
            new Row("GET", "api/plugin/installations", null, "user"),
            new Row("POST", "api/plugin/installations",
                    "{\"installationId\":\"matrix\",\"pluginVersion\":\"1\",\"simPlatform\":\"ACC\"}", "user"),
            new Row("DELETE", "api/plugin/installations/00000000-0000-0000-0000-000000000001", null, "user"),
            new Row("GET", "api/results", null, "user"),
            new Row("GET", "api/users/00000000-0000-0000-0000-000000000001/podiums", null, "anonymous"),
            new Row("GET", "api/podiums/leaderboard", null, "anonymous"),
            new Row("GET", "api/admin/members/00000000-0000-0000-0000-000000000001/verification", null, "admin"),
            new Row("GET", "api/pools", null, "anonymous"),
            new Row("POST", "api/admin/pools/scan", null, "admin"),
            new Row("GET", "api/races", null, "anonymous"),
            new Row("GET", "api/races/00000000-0000-0000-0000-000000000001", null, "anonymous"),
            new Row("POST", "api/races", "{\"name\":\"matrix\",\"pool_name\":\"none\"}", "user"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/participants",
                    "{\"twitch_username\":\"matrix\"}", "user"),
            new Row("DELETE", "api/races/00000000-0000-0000-0000-000000000001/participants/"
                    + "00000000-0000-0000-0000-000000000002", null, "user"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/participants/"
                    + "00000000-0000-0000-0000-000000000002/regenerate-token", null, "user"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/generate-zips", null, "user"),
            new Row("GET", "api/races/00000000-0000-0000-0000-000000000001/my-pack", null, "user"),
            new Row("GET", "api/races/00000000-0000-0000-0000-000000000001/download/abc", null, "anonymous"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/start",
                    "{\"scheduled_start\":\"2030-01-01T00:00:00Z\"}", "user"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/open", null, "user"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/reset", null, "user"),
            new Row("POST", "api/races/00000000-0000-0000-0000-000000000001/reroll", null, "user"),
            new Row("GET", "api/invite/nope", null, "anonymous"),
            new Row("POST", "api/invite/nope/accept", null, "user"),
            new Row("PUT", "api/admin/users/00000000-0000-0000-0000-000000000001/role",
                    "{\"role\":\"admin\",\"version\":0}", "superadmin"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.paddockWithTestSupport();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyEndpointAdmitsExactlyTheRolesItDeclares() {
        Http http = new Http(base);
        List<String> failures = new ArrayList<>();
        for (Row row : MATRIX) {
            for (String caller : CALLERS) {
                // A fresh user per call: logout-everywhere must not revoke the next call's credentials.
                String[] auth = caller.equals("anonymous") ? new String[0]
                        : http.bearer(http.newUser(caller).path("accessToken").asText());
                Reply reply = http.send(row.method(), row.path(), row.body() == null ? null : "application/json",
                        row.body(), auth);
                int expected = expectedStatus(caller, row.minimum());
                boolean ok = expected == 0 ? reply.status() != 401 && reply.status() != 403 : reply.status() == expected;
                if (!ok) {
                    failures.add(row.method() + " " + row.path() + " as " + caller + ": " + reply.status() + " "
                            + reply.body());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void superadminChangesRolesWithOptimisticLocking() {
        Http http = new Http(base);
        JsonNode superadmin = http.newUser("superadmin");
        JsonNode user = http.newUser("user");
        String[] auth = http.bearer(superadmin.path("accessToken").asText());
        String path = "api/admin/users/" + user.path("userId").asText();
        long version = http.get(path, auth).json().path("version").asLong();

        Reply granted = http.send("PUT", path + "/role", "application/json",
                "{\"role\":\"support\",\"version\":" + version + "}", auth);
        assertEquals(200, granted.status(), granted.body());
        assertEquals("support", granted.json().path("role").asText());
        Problems.assertProblem(http.send("PUT", path + "/role", "application/json",
                "{\"role\":\"admin\",\"version\":" + version + "}", auth), 409, "/problems/concurrent-update");
        Problems.assertProblem(http.send("PUT", path + "/role", "application/json",
                "{\"role\":\"emperor\",\"version\":1}", auth), 400, "/problems/validation");
        Problems.assertProblem(http.send("PUT", "api/admin/users/" + superadmin.path("userId").asText() + "/role",
                "application/json", "{\"role\":\"user\",\"version\":0}", auth), 409, "/problems/own-role");
    }

    private static final Map<String, Integer> LEVEL = new LinkedHashMap<>(Map.of("anonymous", 0, "user", 1,
            "support", 2, "admin", 3, "superadmin", 4));

    /** 0 means "admitted" (any status but 401/403). */
    private static int expectedStatus(String caller, String minimum) {
        if (LEVEL.get(caller) >= LEVEL.get(minimum)) {
            return 0;
        }
        return caller.equals("anonymous") ? 401 : 403;
    }
}
