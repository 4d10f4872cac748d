package io.paddock.blog.control;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.control.FeatureFlags;
import io.paddock.blog.entity.Article;
import io.paddock.platform.audit.AuditTrail;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.ids.Ids;

/**
 * The blog's articles. Content is rendered and sanitised once, when saved; edits are recorded in the audit
 * trail without a reason, a deletion with one. Public reads go through {@link #requireOn()}: with the
 * {@code blog} flag off the public blog answers 404 {@code blog-off}.
 */
@Stateless
public class Articles {

    /** What an editor sends. */
    public record Content(String slug, String title, String summary, String markdown, boolean published) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    FeatureFlags flags;

    public void requireOn() {
        if (!flags.enabled(FeatureFlags.BLOG)) {
            throw new ResourceNotFoundException("blog-off", "The blog is off",
                    "This server's blog is switched off.");
        }
    }

    /** Published articles, newest first. */
    public List<Article> published(int limit) {
        return em.createNamedQuery(Article.PUBLISHED, Article.class).setMaxResults(limit).getResultList();
    }

    /** Every article, drafts included, most recently edited first (staff). */
    public List<Article> all() {
        return em.createNamedQuery(Article.ALL, Article.class).getResultList();
    }

    /** A published article by its slug; a draft is as absent as a slug never used. */
    public Article publishedBySlug(String slug) {
        return bySlug(slug).filter(Article::published).orElseThrow(() -> notFound(slug));
    }

    public Article find(UUID id) {
        Article article = em.find(Article.class, id);
        if (article == null) {
            throw notFound(id.toString());
        }
        return article;
    }

    public Article create(AuditTrail.Actor author, Content content) {
        requireFreeSlug(content.slug(), null);
        Article article = new Article(Ids.random(), content.slug(), content.title(), content.summary(),
                content.markdown(), MarkdownRenderer.render(content.markdown()), author.id(), author.name(),
                clock.instant());
        article.publish(content.published(), clock.instant());
        em.persist(article);
        audit.record(author, AuditTrail.Action.of("blog.article.create", "article", article.id())
                .change(null, state(article)), null);
        flushClaiming(content.slug());
        return article;
    }

    public Article update(AuditTrail.Actor editor, UUID id, long expectedVersion, Content content) {
        Article article = find(id);
        requireVersion(article, expectedVersion);
        requireFreeSlug(content.slug(), id);
        String before = state(article);
        article.edit(content.slug(), content.title(), content.summary(), content.markdown(),
                MarkdownRenderer.render(content.markdown()), clock.instant());
        article.publish(content.published(), clock.instant());
        audit.record(editor, AuditTrail.Action.of("blog.article.update", "article", id).change(before, state(article)),
                null);
        flushClaiming(content.slug());
        return article;
    }

    public void delete(AuditTrail.Actor actor, UUID id, long expectedVersion, Justification why) {
        Article article = find(id);
        requireVersion(article, expectedVersion);
        audit.record(actor, AuditTrail.Action.of("blog.article.delete", "article", id).change(state(article), null),
                why);
        em.remove(article);
    }

    /** Renders the articles a migration inserted without HTML; returns how many. */
    public int renderPending() {
        List<Article> pending = em.createNamedQuery(Article.UNRENDERED, Article.class).getResultList();
        pending.forEach(article -> article.rendered(MarkdownRenderer.render(article.markdown())));
        return pending.size();
    }

    private Optional<Article> bySlug(String slug) {
        return em.createNamedQuery(Article.BY_SLUG, Article.class).setParameter("slug", slug).getResultStream()
                .findFirst();
    }

    private void requireFreeSlug(String slug, UUID self) {
        bySlug(slug).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw new ConflictException("slug-taken", "Slug taken",
                    "Another article already lives at /blog/" + slug + ".");
        });
    }

    /**
     * Writes now; two editors claiming the same free slug at once both pass {@link #requireFreeSlug}, and
     * the second meets the unique index here: the same answer as when the slug was already taken.
     */
    private void flushClaiming(String slug) {
        try {
            em.flush();
        } catch (RuntimeException e) { // PersistenceException, or EclipseLink's own around the driver's
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw new ConflictException("slug-taken", "Slug taken",
                            "Another article already lives at /blog/" + slug + ".");
                }
            }
            throw e;
        }
    }

    private static void requireVersion(Article article, long expectedVersion) {
        if (article.version() != expectedVersion) {
            throw new ConflictException("concurrent-update", "Concurrent update",
                    "The article changed since you read it (version " + article.version() + "); read it again.");
        }
    }

    private static String state(Article a) {
        return "slug=" + a.slug() + " published=" + a.published() + " title=" + a.title();
    }

    private static ResourceNotFoundException notFound(String what) {
        return new ResourceNotFoundException("article-not-found", "No such article",
                "There is no article " + (what.length() > 80 ? what.substring(0, 80) + "…" : what) + ".");
    }
}
