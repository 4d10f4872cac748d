package io.paddock.admin.boundary;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.admin.control.GlobalSearch;

/** Staff: find anything — users, races, results, audit entries — by a piece of its name (support and up). */
@Path("admin/search")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    /** {@code unanswered}: the kinds whose source gave no answer in time; their group is missing, not empty. */
    public record SearchAnswer(String query, List<GlobalSearch.Group> groups, List<String> unanswered) {
    }

    @Inject
    GlobalSearch search;

    @GET
    @RolesAllowed("support")
    @Operation(summary = "Records of every kind whose name contains q (3 to 100 characters), grouped by kind")
    public SearchAnswer search(@QueryParam("q") String q,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(50) int limit) {
        GlobalSearch.Found found = search.search(q, limit);
        return new SearchAnswer(q, found.groups(), found.unanswered());
    }
}
