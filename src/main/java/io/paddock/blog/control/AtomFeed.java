package io.paddock.blog.control;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import io.paddock.blog.entity.Article;

/** The blog's Atom 1.0 feed, written by ROME: ids are tag-free absolute URLs of the articles. */
public final class AtomFeed {

    private AtomFeed() {
    }

    /** {@code base} is the public URL without a trailing slash. */
    public static String write(String base, List<Article> articles) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle("Paddock blog");
        feed.setDescription("News and guides from Paddock");
        feed.setUri(base + "/blog");
        feed.setLink(base + "/blog");
        feed.setLinks(List.of(link(base + "/blog", "alternate", "text/html"),
                link(base + "/blog/feed.atom", "self", "application/atom+xml")));
        feed.setPublishedDate(articles.isEmpty() ? new Date(0) : Date.from(articles.stream()
                .map(Article::updatedAt).max(java.util.Comparator.naturalOrder()).orElseThrow()));
        List<SyndEntry> entries = new ArrayList<>();
        for (Article article : articles) {
            SyndEntry entry = new SyndEntryImpl();
            String url = base + "/blog/" + article.slug();
            entry.setUri(url);
            entry.setLink(url);
            entry.setTitle(article.title());
            SyndPerson author = new SyndPersonImpl();
            author.setName(article.authorName());
            entry.setAuthors(List.of(author));
            entry.setPublishedDate(Date.from(article.publishedAt()));
            entry.setUpdatedDate(Date.from(article.updatedAt()));
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(article.summary());
            entry.setDescription(summary);
            SyndContent content = new SyndContentImpl();
            content.setType("html");
            content.setValue(article.html());
            entry.setContents(List.of(content));
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("The blog feed could not be written", e);
        }
    }

    private static SyndLink link(String href, String rel, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setHref(href);
        link.setRel(rel);
        link.setType(type);
        return link;
    }
}
