package io.paddock.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.TestDatabase;

/**
 * Black-box: a privileged action needs a reason and a ticket, writes exactly one audit row in its own
 * transaction (none when it is refused), staff read the trail, and the database refuses to change it.
 */
@PaddockIT
class AuditTrailIT extends BlackBox {

    static final String JSON = "application/json";
    static final String REASON = "Promoted to help with race-day support";

    Http http;
    JsonNode superadmin;
    String[] auth;

    @BeforeEach
    void staff() {
        http = new Http(base);
        superadmin = http.newUser("superadmin");
        auth = http.bearer(superadmin.path("accessToken").asText());
    }

    @Test
    void aRoleChangeWithoutAReasonOrTicketIsRefusedNamingTheField() {
        String user = http.newUser("user").path("userId").asText();
        String path = "api/admin/users/" + user + "/role";
        JsonNode noReason = Problems.assertProblem(http.send("PUT", path, JSON,
                "{\"role\":\"support\",\"version\":0,\"ticketId\":\"OPS-1\"}", auth), 400, "/problems/validation");
        assertEquals("reason", noReason.path("errors").path(0).path("field").asText(), noReason.toString());
        JsonNode shortReason = Problems.assertProblem(http.send("PUT", path, JSON,
                "{\"role\":\"support\",\"version\":0,\"reason\":\"   because  \",\"ticketId\":\"OPS-1\"}", auth), 400,
                "/problems/validation");
        assertEquals("reason", shortReason.path("errors").path(0).path("field").asText(), shortReason.toString());
        JsonNode noTicket = Problems.assertProblem(http.send("PUT", path, JSON,
                "{\"role\":\"support\",\"version\":0,\"reason\":\"" + REASON + "\"}", auth), 400, "/problems/validation");
        assertEquals("ticketId", noTicket.path("errors").path(0).path("field").asText(), noTicket.toString());

        assertEquals(0, trailOf(user).path("entries").size(), "a refused change leaves no trace");
        assertEquals("user", http.get("api/admin/users/" + user, auth).json().path("role").asText());
    }

    @Test
    void aRoleChangeWritesOneRowWithWhoWhyAndTheRequest() {
        String user = http.newUser("user").path("userId").asText();
        long read = version(user);
        Reply changed = changeRole(user, "support", read);
        assertEquals(200, changed.status(), changed.body());
        // A stale version is refused: its transaction rolls back, and its audit row with it.
        Problems.assertProblem(changeRole(user, "admin", read), 409, "/problems/concurrent-update");

        JsonNode entries = trailOf(user).path("entries");
        assertEquals(1, entries.size(), entries.toString());
        JsonNode row = entries.path(0);
        assertEquals("identity.role.change", row.path("action").asText());
        assertEquals(superadmin.path("userId").asText(), row.path("actorId").asText());
        assertEquals(REASON, row.path("reason").asText());
        assertEquals("OPS-42", row.path("ticketId").asText());
        assertEquals("role=user", row.path("before").asText());
        assertEquals("role=support", row.path("after").asText());
        assertEquals(changed.header("X-Request-Id"), row.path("requestId").asText());
        assertTrue(!row.path("clientAddress").asText().isEmpty(), row.toString());
    }

    @Test
    void onlyAdminsReadTheTrailAndItPagesNewestFirst() {
        String user = http.newUser("user").path("userId").asText();
        assertEquals(200, changeRole(user, "support", version(user)).status());
        assertEquals(200, changeRole(user, "admin", version(user)).status());
        JsonNode first = http.get("api/admin/audit?targetType=user&targetId=" + user + "&limit=1", auth).json();
        assertEquals("role=admin", first.path("entries").path(0).path("after").asText(), first.toString());
        JsonNode second = http.get("api/admin/audit?targetType=user&targetId=" + user + "&limit=1&before="
                + first.path("nextBefore").asLong(), auth).json();
        assertEquals("role=support", second.path("entries").path(0).path("after").asText(), second.toString());
        assertTrue(second.path("nextBefore").isMissingNode() || second.path("nextBefore").isNull(), second.toString());

        String[] support = http.bearer(http.newUser("support").path("accessToken").asText());
        Problems.assertProblem(http.get("api/admin/audit", support), 403, "/problems/forbidden");
        Problems.assertProblem(http.get("api/admin/audit?limit=0", auth), 400, "/problems/validation");
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveARow() throws SQLException {
        String user = http.newUser("user").path("userId").asText();
        assertEquals(200, changeRole(user, "support", version(user)).status());
        try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
            assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "UPDATE audit_log SET reason = 'nothing to see' WHERE target_id = '" + user + "'"));
            assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "DELETE FROM audit_log WHERE target_id = '" + user + "'"));
        }
        assertEquals(REASON, trailOf(user).path("entries").path(0).path("reason").asText());
    }

    private Reply changeRole(String user, String role, long version) {
        return http.send("PUT", "api/admin/users/" + user + "/role", JSON, "{\"role\":\"" + role + "\",\"version\":"
                + version + ",\"reason\":\"" + REASON + "\",\"ticketId\":\"OPS-42\"}", auth);
    }

    private long version(String user) {
        return http.get("api/admin/users/" + user, auth).json().path("version").asLong();
    }

    private JsonNode trailOf(String user) {
        Reply reply = http.get("api/admin/audit?targetType=user&targetId=" + user, auth);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }
}
