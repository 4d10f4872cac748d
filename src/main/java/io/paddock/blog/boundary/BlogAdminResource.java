package io.paddock.blog.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.blog.control.Articles;
import io.paddock.blog.control.MarkdownRenderer;
import io.paddock.blog.entity.Article;
import io.paddock.platform.audit.CurrentActor;
import io.paddock.platform.audit.Justification;
import io.paddock.platform.audit.Reason;
import io.paddock.platform.audit.TicketId;

/** Admins write the blog: drafts, publication, preview; deleting an article takes a reason and a ticket. */
@Path("admin/blog")
@Tag(name = "Blog")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class BlogAdminResource {

    /** Markdown is at most 100,000 characters; the slug is what /blog/{slug} shows. */
    public record ArticleDraft(
            @NotNull @Pattern(regexp = "(?=.{3,80}$)[a-z0-9]+(-[a-z0-9]+)*",
                    message = "use 3 to 80 lower-case letters, digits and single hyphens, like how-a-race-works")
            String slug,
            @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = 500) String summary,
            @NotBlank @Size(max = 100_000) String markdown,
            boolean published) {

        Articles.Content content() {
            return new Articles.Content(slug, title.strip(), summary.strip(), markdown, published);
        }
    }

    /** An edit: the new content and the version read. */
    public record ArticleEdit(@NotNull @Valid ArticleDraft article, @NotNull Long version) {
    }

    /** Why an article goes, and the version read. */
    public record ArticleRemoval(@NotNull Long version, @Reason String reason, @TicketId String ticketId) {
    }

    public record MarkdownPreview(@NotNull @Size(max = 100_000) String markdown) {
    }

    public record PreviewHtml(String html) {
    }

    /** An article as staff see it, draft or not. */
    public record StaffArticle(UUID id, String slug, String title, String summary, String markdown, String html,
            boolean published, UUID authorId, String authorName, Instant createdAt, Instant updatedAt,
            Instant publishedAt, long version) {

        static StaffArticle of(Article a) {
            return new StaffArticle(a.id(), a.slug(), a.title(), a.summary(), a.markdown(), a.html(), a.published(),
                    a.authorId(), a.authorName(), a.createdAt(), a.updatedAt(), a.publishedAt(), a.version());
        }
    }

    @Inject
    Articles articles;

    @Inject
    CurrentActor actor;

    @GET
    @Path("articles")
    @Operation(summary = "Every article, drafts included, most recently edited first (admin)")
    public List<StaffArticle> list() {
        return articles.all().stream().map(StaffArticle::of).toList();
    }

    @GET
    @Path("articles/{id}")
    @Operation(summary = "One article, draft or not (admin)")
    public StaffArticle get(@PathParam("id") UUID id) {
        return StaffArticle.of(articles.find(id));
    }

    @POST
    @Path("articles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write an article (admin); rendered and sanitised now; published or a draft")
    @APIResponseSchema(value = StaffArticle.class, responseDescription = "The article created", responseCode = "201")
    public Response create(@Valid @NotNull ArticleDraft draft) {
        Article article = articles.create(actor.require(), draft.content());
        return Response.status(Response.Status.CREATED).entity(StaffArticle.of(article)).build();
    }

    @PUT
    @Path("articles/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit an article (admin): send the version read; publishing or back to draft")
    public StaffArticle update(@PathParam("id") UUID id, @Valid @NotNull ArticleEdit edit) {
        return StaffArticle.of(articles.update(actor.require(), id, edit.version(), edit.article().content()));
    }

    /** A POST, not a DELETE: the reason and ticket travel in a body, which DELETE does not define. */
    @POST
    @Path("articles/{id}/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete an article (admin) with a reason and a ticket (audited)")
    public void delete(@PathParam("id") UUID id, @Valid @NotNull ArticleRemoval removal) {
        articles.delete(actor.require(), id, removal.version(),
                Justification.of(removal.reason(), removal.ticketId()));
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Markdown rendered and sanitised as a save would (admin); nothing is stored")
    public PreviewHtml preview(@Valid @NotNull MarkdownPreview preview) {
        return new PreviewHtml(MarkdownRenderer.render(preview.markdown()));
    }
}
