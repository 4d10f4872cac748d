package io.paddock.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: feature flags (superadmin, audited, in the configuration history, honoured at once by the blog),
 * the configuration history's diffs, and the blog — shipped articles, drafts, sanitised Markdown, the Atom
 * feed, ETags and the problems of bad input.
 */
@PaddockIT
class AdminConsoleIT extends BlackBox {

    private static final String JSON = "application/json";
    private static final String WHY = ",\"reason\":\"Console test switching the blog\",\"ticketId\":\"OPS-7\"}";

    Http http;
    String[] superadmin;
    String[] admin;

    @BeforeEach
    void staff() {
        http = new Http(base);
        superadmin = http.bearer(http.newUser("superadmin", "name=Flag+Keeper").path("accessToken").asText());
        admin = http.bearer(http.newUser("admin", "name=Editor+Ada").path("accessToken").asText());
    }

    @Test
    void aSuperadminTurnsTheBlogOffAndOnWithAReasonAuditedAndInTheHistory() {
        JsonNode blog = flag("blog");
        assertTrue(blog.path("enabled").asBoolean(), blog.toString());
        long version = blog.path("version").asLong();
        String path = "api/admin/flags/blog";

        JsonNode noReason = Problems.assertProblem(http.send("PUT", path, JSON,
                "{\"enabled\":false,\"version\":" + version + ",\"ticketId\":\"OPS-7\"}", superadmin), 400,
                "/problems/validation");
        assertTrue(noReason.path("errors").toString().contains("\"reason\""), noReason.toString());
        JsonNode noTicket = Problems.assertProblem(http.send("PUT", path, JSON,
                "{\"enabled\":false,\"version\":" + version + ",\"reason\":\"Long enough reason\"}", superadmin), 400,
                "/problems/validation");
        assertTrue(noTicket.path("errors").toString().contains("\"ticketId\""), noTicket.toString());
        Problems.assertProblem(http.send("PUT", path, JSON, "{\"enabled\":false,\"version\":" + (version + 5) + WHY,
                superadmin), 409, "/problems/concurrent-update");
        Problems.assertProblem(http.send("PUT", "api/admin/flags/no-such-flag", JSON,
                "{\"enabled\":false,\"version\":0" + WHY, superadmin), 404, "/problems/flag-not-found");
        Problems.assertProblem(http.send("PUT", path, JSON, "{\"enabled\":true,\"version\":" + version + WHY,
                superadmin), 409, "/problems/flag-unchanged");
        assertEquals(200, http.get("api/blog/articles").status(), "on before");

        Reply off = http.send("PUT", path, JSON, "{\"enabled\":false,\"version\":" + version + WHY, superadmin);
        assertEquals(200, off.status(), off.body());
        assertFalse(off.json().path("enabled").asBoolean());
        assertEquals(version + 1, off.json().path("version").asLong());
        // The cache let go at once: the public blog, its articles and its feed are gone.
        Problems.assertProblem(http.get("api/blog/articles"), 404, "/problems/blog-off");
        Problems.assertProblem(http.get("api/blog/articles/what-paddock-is"), 404, "/problems/blog-off");
        assertEquals(404, http.get("blog/feed.atom").status());
        assertEquals(200, http.get("api/admin/blog/articles", admin).status(), "staff still edit it");

        JsonNode entry = http.get("api/admin/audit?action=admin.flag.set&targetId=blog&limit=1", superadmin).json()
                .path("entries").path(0);
        assertEquals("enabled=true", entry.path("before").asText());
        assertEquals("enabled=false", entry.path("after").asText());
        assertEquals("Console test switching the blog", entry.path("reason").asText());
        assertEquals("Flag Keeper", entry.path("actorName").asText());

        JsonNode change = http.get("api/admin/config/history?setting=flag.blog&limit=1", superadmin).json()
                .path("changes").path(0);
        assertEquals("true", change.path("oldValue").asText());
        assertEquals("false", change.path("newValue").asText());
        assertEquals("OPS-7", change.path("ticketId").asText());
        assertEquals("[{\"op\":\"-\",\"text\":\"true\"},{\"op\":\"+\",\"text\":\"false\"}]", change.path("diff").toString());

        Reply on = http.send("PUT", path, JSON, "{\"enabled\":true,\"version\":" + (version + 1) + WHY, superadmin);
        assertEquals(200, on.status(), on.body());
        assertEquals(200, http.get("api/blog/articles").status());
        JsonNode history = http.get("api/admin/config/history?setting=flag.blog&limit=1", superadmin).json();
        assertEquals("true", history.path("changes").path(0).path("newValue").asText());
        assertTrue(history.path("nextBefore").isNumber(), "an older change follows: " + history);
    }

    @Test
    void adminsMayNotTurnFlagsNorReadTheHistory() {
        assertEquals(403, http.get("api/admin/flags", admin).status());
        assertEquals(403, http.get("api/admin/config/history", admin).status());
        Problems.assertProblem(http.get("api/admin/config/history?limit=0", superadmin), 400, "/problems/validation");
    }

    @Test
    void theShippedArticlesArePublicInTheListTheirPagesAndTheFeed() throws Exception {
        List<String> slugs = new ArrayList<>();
        http.get("api/blog/articles").json().forEach(a -> slugs.add(a.path("slug").asText()));
        assertTrue(slugs.containsAll(List.of("what-paddock-is", "how-a-race-works", "how-results-are-verified")),
                slugs.toString());

        Reply article = http.get("api/blog/articles/how-results-are-verified");
        assertEquals(200, article.status(), article.body());
        assertTrue(article.json().path("html").asText().contains("<table>"), "rendered at startup");
        String etag = article.header("ETag");
        assertEquals(304, http.get("api/blog/articles/how-results-are-verified", "If-None-Match", etag).status());

        Reply feed = http.get("blog/feed.atom");
        assertEquals(200, feed.status());
        assertTrue(feed.header("Content-Type").startsWith("application/atom+xml"), feed.header("Content-Type"));
        SyndFeed parsed = new SyndFeedInput().build(new StringReader(feed.body()));
        List<String> links = parsed.getEntries().stream().map(SyndEntry::getLink).toList();
        assertTrue(links.stream().anyMatch(l -> l.endsWith("/blog/how-a-race-works")), links.toString());
        assertEquals(304, http.get("blog/feed.atom", "If-None-Match", feed.header("ETag")).status());

        assertEquals(200, http.get("blog").status(), "the page");
        assertEquals(200, http.get("blog/what-paddock-is").status(), "an article's page");
    }

    @Test
    void aDraftStaysPrivateUntilPublishedAndItsMarkdownIsSanitised() throws Exception {
        String slug = "draft-" + UUID.randomUUID().toString().substring(0, 8);
        String markdown = "Hello **world** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>";
        Reply created = http.send("POST", "api/admin/blog/articles", JSON, draft(slug, "A draft", markdown, false),
                admin);
        assertEquals(201, created.status(), created.body());
        String html = created.json().path("html").asText();
        assertTrue(html.contains("<strong>world</strong>"), html);
        for (String banned : List.of("<script", "javascript:", "onerror")) {
            assertFalse(html.contains(banned), banned + " in " + html);
        }
        assertEquals("Editor Ada", created.json().path("authorName").asText());
        String id = created.json().path("id").asText();

        Problems.assertProblem(http.get("api/blog/articles/" + slug), 404, "/problems/article-not-found");
        assertFalse(http.get("blog/feed.atom").body().contains(slug), "a draft is not in the feed");
        assertFalse(http.get("api/blog/articles").body().contains(slug));

        Reply published = http.send("PUT", "api/admin/blog/articles/" + id, JSON, "{\"article\":"
                + draft(slug, "Now public", markdown, true) + ",\"version\":" + created.json().path("version") + "}",
                admin);
        assertEquals(200, published.status(), published.body());
        assertEquals("Now public", http.get("api/blog/articles/" + slug).json().path("title").asText());
        SyndFeed feed = new SyndFeedInput().build(new StringReader(http.get("blog/feed.atom").body()));
        assertTrue(feed.getEntries().stream().anyMatch(e -> e.getTitle().equals("Now public")));

        Reply preview = http.send("POST", "api/admin/blog/preview", JSON, "{\"markdown\":\"<b onclick=x>hi</b>\"}", admin);
        assertEquals(200, preview.status());
        assertFalse(preview.json().path("html").asText().contains("onclick"), preview.body());
    }

    @Test
    void badSlugsDuplicatesAndDeletionWithoutAReasonAreProblems() {
        for (String bad : List.of("No Caps", "x", "trailing-", "double--hyphen", "dot.atom")) {
            JsonNode problem = Problems.assertProblem(http.send("POST", "api/admin/blog/articles", JSON,
                    draft(bad, "T", "m", false), admin), 400, "/problems/validation");
            assertTrue(problem.path("errors").toString().contains("slug"), problem.toString());
        }
        Problems.assertProblem(http.send("POST", "api/admin/blog/articles", JSON, draft("ok-slug-" + suffix(), " ",
                "m", false), admin), 400, "/problems/validation");
        Problems.assertProblem(http.send("POST", "api/admin/blog/articles", JSON, draft("what-paddock-is", "Again",
                "m", false), admin), 409, "/problems/slug-taken");

        String slug = "doomed-" + suffix();
        JsonNode article = http.send("POST", "api/admin/blog/articles", JSON, draft(slug, "Doomed", "bye", true), admin)
                .json();
        String delete = "api/admin/blog/articles/" + article.path("id").asText() + "/delete";
        JsonNode noReason = Problems.assertProblem(http.send("POST", delete, JSON,
                "{\"version\":" + article.path("version") + ",\"reason\":\"short\",\"ticketId\":\"OPS-1\"}", admin), 400,
                "/problems/validation");
        assertTrue(noReason.path("errors").toString().contains("reason"), noReason.toString());
        assertEquals(200, http.get("api/blog/articles/" + slug).status(), "still there");

        Reply deleted = http.send("POST", delete, JSON, "{\"version\":" + article.path("version")
                + ",\"reason\":\"Published by mistake in a test\",\"ticketId\":\"OPS-2\"}", admin);
        assertEquals(204, deleted.status(), deleted.body());
        Problems.assertProblem(http.get("api/blog/articles/" + slug), 404, "/problems/article-not-found");
        JsonNode entry = http.get("api/admin/audit?action=blog.article.delete&targetId=" + article.path("id").asText(),
                admin).json().path("entries").path(0);
        assertEquals("Published by mistake in a test", entry.path("reason").asText());
        Problems.assertProblem(http.get("api/admin/blog/articles/" + UUID.randomUUID(), admin), 404,
                "/problems/article-not-found");
    }

    private JsonNode flag(String name) {
        for (JsonNode flag : http.get("api/admin/flags", superadmin).json()) {
            if (flag.path("name").asText().equals(name)) {
                return flag;
            }
        }
        throw new AssertionError("no flag " + name);
    }

    private static String draft(String slug, String title, String markdown, boolean published) {
        return "{\"slug\":\"" + slug + "\",\"title\":\"" + title + "\",\"summary\":\"About it\",\"markdown\":"
                + io.paddock.platform.json.Json.mapper().valueToTree(markdown) + ",\"published\":" + published + "}";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
