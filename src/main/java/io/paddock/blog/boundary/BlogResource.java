package io.paddock.blog.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.blog.control.Articles;
import io.paddock.blog.entity.Article;

/** The public blog: published articles, their HTML rendered and sanitised when they were saved. */
@Path("blog/articles")
@Tag(name = "Blog")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class BlogResource {

    /** An article in the list: no body. */
    public record ArticleListItem(String slug, String title, String summary, String authorName, Instant publishedAt,
            Instant updatedAt) {

        static ArticleListItem of(Article a) {
            return new ArticleListItem(a.slug(), a.title(), a.summary(), a.authorName(), a.publishedAt(),
                    a.updatedAt());
        }
    }

    /** A published article; {@code html} is sanitised and safe to insert into a page as it is. */
    public record PublicArticle(String slug, String title, String summary, String html, String authorName,
            Instant publishedAt, Instant updatedAt) {

        static PublicArticle of(Article a) {
            return new PublicArticle(a.slug(), a.title(), a.summary(), a.html(), a.authorName(), a.publishedAt(),
                    a.updatedAt());
        }
    }

    static final int LIST = 100;

    @Inject
    Articles articles;

    @GET
    @Operation(summary = "Published articles, newest first (404 blog-off when the blog is switched off)")
    public List<ArticleListItem> list() {
        articles.requireOn();
        return articles.published(LIST).stream().map(ArticleListItem::of).toList();
    }

    @GET
    @Path("{slug}")
    @Operation(summary = "A published article by its slug, with an ETag (If-None-Match answers 304)")
    @APIResponseSchema(value = PublicArticle.class, responseDescription = "The article", responseCode = "200")
    public Response get(@PathParam("slug") String slug, @Context Request request) {
        articles.requireOn();
        Article article = articles.publishedBySlug(slug);
        EntityTag tag = new EntityTag(article.id() + "-" + article.version());
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.cacheControl(cache).build();
        }
        return Response.ok(PublicArticle.of(article)).tag(tag).cacheControl(cache).build();
    }
}
