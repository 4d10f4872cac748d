package io.paddock.blog.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.paddock.platform.persistence.NullableUuid;

/**
 * A blog article: Markdown as written, and the HTML rendered and sanitised from it when it was saved (so
 * reads never render). Published articles are public from {@code publishedAt}; drafts are staff's only.
 */
@Entity
@Table(name = "blog_articles")
@NamedQuery(name = Article.PUBLISHED, query = "SELECT a FROM Article a WHERE a.published = TRUE "
        + "ORDER BY a.publishedAt DESC, a.id")
@NamedQuery(name = Article.ALL, query = "SELECT a FROM Article a ORDER BY a.updatedAt DESC, a.id")
@NamedQuery(name = Article.BY_SLUG, query = "SELECT a FROM Article a WHERE a.slug = :slug")
@NamedQuery(name = Article.UNRENDERED, query = "SELECT a FROM Article a WHERE a.html IS NULL")
public class Article {

    public static final String PUBLISHED = "Article.published";
    public static final String ALL = "Article.all";
    public static final String BY_SLUG = "Article.bySlug";
    public static final String UNRENDERED = "Article.unrendered";

    /** Lower-case words of letters and digits joined by single hyphens, 3 to 80 characters. */
    public static final Pattern SLUG = Pattern.compile("(?=.{3,80}$)[a-z0-9]+(-[a-z0-9]+)*");

    @Id
    private UUID id;
    private String slug;
    private String title;
    private String summary;
    private String markdown;
    private String html;
    private boolean published;
    @Convert(converter = NullableUuid.class)
    private UUID authorId;
    private String authorName;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant publishedAt;
    @Version
    private long version;

    protected Article() {
    }

    public Article(UUID id, String slug, String title, String summary, String markdown, String html, UUID authorId,
            String authorName, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.authorId = authorId;
        this.authorName = Objects.requireNonNull(authorName);
        this.createdAt = now;
        edit(slug, title, summary, markdown, html, now);
    }

    /** New content; the slug must follow {@link #SLUG} (checked again here, whatever the boundary did). */
    public void edit(String slug, String title, String summary, String markdown, String html, Instant now) {
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("slug " + slug);
        }
        this.slug = slug;
        this.title = Objects.requireNonNull(title);
        this.summary = Objects.requireNonNull(summary);
        this.markdown = Objects.requireNonNull(markdown);
        this.html = Objects.requireNonNull(html);
        this.updatedAt = now;
    }

    /** Publishes a draft (from now) or takes an article back to draft; the first publication date is kept. */
    public void publish(boolean publish, Instant now) {
        if (publish && !published && publishedAt == null) {
            publishedAt = now;
        }
        published = publish;
    }

    /** Renders an article a migration inserted (it came without HTML). */
    public void rendered(String html) {
        this.html = Objects.requireNonNull(html);
    }

    public UUID id() { return id; }
    public String slug() { return slug; }
    public String title() { return title; }
    public String summary() { return summary; }
    public String markdown() { return markdown; }
    public String html() { return html; }
    public boolean published() { return published; }
    public UUID authorId() { return authorId; }
    public String authorName() { return authorName; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant publishedAt() { return publishedAt; }
    public long version() { return version; }
}
