package io.paddock.blog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import org.junit.jupiter.api.Test;

import io.paddock.blog.entity.Article;

class AtomFeedTest {

    private static Article article(String slug, String title, String markdown, Instant at) {
        Article a = new Article(UUID.randomUUID(), slug, title, "About " + title, markdown,
                MarkdownRenderer.render(markdown), null, "Ada <& Co>", at);
        a.publish(true, at);
        return a;
    }

    @Test
    void theFeedParsesBackWithItsEntries() throws Exception {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        String xml = AtomFeed.write("https://paddock.example", List.of(
                article("second-post", "Second & <last>", "Text with **markup** and ]]> inside", t.plusSeconds(60)),
                article("first-post", "First", "Hello", t)));
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals("Paddock blog", feed.getTitle());
        assertEquals(2, feed.getEntries().size());
        assertEquals("Second & <last>", feed.getEntries().get(0).getTitle());
        assertEquals("https://paddock.example/blog/second-post", feed.getEntries().get(0).getLink());
        assertEquals("Ada <& Co>", feed.getEntries().get(0).getAuthors().get(0).getName());
        assertTrue(feed.getEntries().get(0).getContents().get(0).getValue().contains("<strong>markup</strong>"));
        assertTrue(feed.getLinks().stream().anyMatch(l -> "self".equals(l.getRel())
                && l.getHref().equals("https://paddock.example/blog/feed.atom")));
    }

    @Test
    void anEmptyBlogStillHasAValidFeed() throws Exception {
        SyndFeed feed = new SyndFeedInput().build(new StringReader(AtomFeed.write("http://localhost:8080", List.of())));
        assertEquals(0, feed.getEntries().size());
    }

    @Test
    void theEntityRefusesABadSlug() {
        for (String bad : new String[] {"ab", "Upper-Case", "two--hyphens", "-lead", "trail-", "sp ace", "dot.ted",
                "x".repeat(81)}) {
            assertThrows(IllegalArgumentException.class, () -> article(bad, "T", "m", Instant.EPOCH), bad);
        }
        assertEquals("a-1-b", article("a-1-b", "T", "m", Instant.EPOCH).slug());
    }
}
