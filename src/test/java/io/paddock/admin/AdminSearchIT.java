package io.paddock.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.telemetry.PluginClient;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.StallingSearchSource;
import io.paddock.testing.TestDatabase;

/**
 * Black-box: staff search finds users (by name and by linked username), races, results, audit entries and
 * transfer jobs; a source that does not answer in time is named while the others answer.
 */
@PaddockIT
class AdminSearchIT extends BlackBox {

    Http http;
    String[] support;

    @BeforeEach
    void staff() {
        http = new Http(base);
        support = http.bearer(http.newUser("support").path("accessToken").asText());
    }

    @Test
    void findsUsersByNameAndByALinkedUsername() {
        String tag = unique();
        String named = http.newUser("user", "name=Marguerite" + tag).path("userId").asText();
        String linked = http.newUser("user", "discord=" + tag).path("userId").asText();

        assertEquals(List.of(named), ids(search("marguerite" + tag.toUpperCase()), "user"), "case-insensitive");
        assertEquals(List.of(linked), ids(search("discord-" + tag), "user"), "the Discord username");
    }

    @Test
    void findsRacesResultsAndAuditEntries() {
        String tag = unique();
        String[] organizer = http.bearer(http.newUser("user").path("accessToken").asText());
        Reply race = http.send("POST", "api/races", "application/json", "{\"name\":\"Night " + tag + "\"}", organizer);
        assertEquals(201, race.status(), race.body());
        assertEquals(List.of(race.json().path("id").asText()), ids(search("night " + tag), "race"));

        String[] superadmin = http.bearer(http.newUser("superadmin").path("accessToken").asText());
        String user = http.newUser("user", "name=Audited" + tag).path("userId").asText();
        long version = http.get("api/admin/users/" + user, superadmin).json().path("version").asLong();
        assertEquals(200, http.send("PUT", "api/admin/users/" + user + "/role", "application/json",
                "{\"role\":\"support\",\"version\":" + version
                        + ",\"reason\":\"Needed for the search test\",\"ticketId\":\"T-" + tag + "\"}", superadmin)
                .status());
        JsonNode audit = group(search("identity.role"), "audit");
        assertTrue(audit.toString().contains(user), audit.toString());

        PluginClient plugin = new PluginClient(new Http(base), "iRacing");
        assertEquals(201, plugin.register(http.newUser("user").path("accessToken").asText()).status());
        plugin.cleanSession(8);
        Reply result = plugin.submit(plugin.result(8));
        assertEquals(200, result.status(), result.body());
        assertTrue(ids(search("francorchamps"), "result").contains(result.json().path("id").asText()));
    }

    @Test
    void findsTransferJobsByNameAndInfohashPrefixAndLeadsToTheirOwner() {
        String tag = unique();
        JsonNode owner = http.newUser("user");
        String hash = (tag + "0123456789abcdef0123456789abcdef").substring(0, 40);
        Reply job = http.send("POST", "api/jobs", "application/json", "{\"magnet\":\"magnet:?xt=urn:btih:" + hash
                + "&dn=Season%20" + tag + "%20replays\"}", http.bearer(owner.path("accessToken").asText()));
        assertEquals(201, job.status(), job.body());
        String jobId = job.json().path("id").asText();
        assertEquals(List.of(jobId), ids(search("season " + tag), "job"), "by name");
        assertEquals(List.of(jobId), ids(search(hash.substring(0, 12)), "job"), "by the start of its infohash");
        assertEquals(List.of(), ids(search(hash.substring(4, 16)), "job"), "an infohash matches from its start only");

        Reply staffView = http.get("api/admin/transfers/jobs/" + jobId, support);
        assertEquals(200, staffView.status(), staffView.body());
        assertEquals(owner.path("userId").asText(), staffView.json().path("ownerId").asText());
        assertEquals(hash, staffView.json().path("job").path("infoHash").asText());
        Problems.assertProblem(http.get("api/admin/transfers/jobs/" + UUID.randomUUID(), support), 404,
                "/problems/job-not-found");
        http.send("DELETE", "api/jobs/" + jobId, null, null, http.bearer(owner.path("accessToken").asText()));
    }

    @Test
    void aSourceThatStallsIsNamedAndTheOthersStillAnswer() throws SQLException {
        String tag = StallingSearchSource.TRIGGER + unique();
        String named = http.newUser("user", "name=" + tag).path("userId").asText();

        JsonNode answer = search(tag);
        assertEquals(List.of(named), ids(answer, "user"), answer.toString());
        assertEquals(List.of(StallingSearchSource.TYPE), strings(answer.path("unanswered")), answer.toString());

        JsonNode calm = search("calm-" + unique());
        assertEquals(List.of(), strings(calm.path("unanswered")), "every source answered: " + calm);
        // PostgreSQL cancelled the stalled statement (its statement timeout), so no connection is left busy.
        try (Connection db = TestDatabase.connect(); Statement statement = db.createStatement();
                ResultSet sleeping = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE state = 'active' AND query = 'SELECT pg_sleep(60)'")) {
            sleeping.next();
            assertEquals(0, sleeping.getInt(1));
        }
    }

    @Test
    void aQueryTooShortOrAWildcardIsNotAScan() {
        JsonNode refused = Problems.assertProblem(http.get("api/admin/search?q=ab", support), 400,
                "/problems/validation");
        assertEquals("q", refused.path("errors").path(0).path("field").asText());
        Problems.assertProblem(http.get("api/admin/search", support), 400, "/problems/validation");
        // LIKE's wildcards are searched for as characters, not expanded.
        assertEquals(0, search("%%%").path("groups").size());
        Problems.assertProblem(http.get("api/admin/search?q=anyone", http.bearer(http.newUser("user")
                .path("accessToken").asText())), 403, "/problems/forbidden");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode search(String q) {
        Reply reply = http.get("api/admin/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
                support);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static JsonNode group(JsonNode answer, String type) {
        for (JsonNode group : answer.path("groups")) {
            if (group.path("type").asText().equals(type)) {
                return group.path("hits");
            }
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> ids(JsonNode answer, String type) {
        List<String> ids = new ArrayList<>();
        group(answer, type).forEach(hit -> ids.add(hit.path("id").asText()));
        return ids;
    }
}
