package io.paddock.transfers.boundary;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.web.NoStore;
import io.paddock.transfers.control.Downloads;
import io.paddock.transfers.control.ShareLinks;

/** Downloading finished files, with ranges, and signed links that share one file without signing in. */
@Path("files")
@Tag(name = "Transfers")
public class FilesResource {

    public record ShareRequest(@Min(60) @Max(2_592_000) Long ttlSeconds) {
    }

    public record ShareLink(String url, Instant expiresAt) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Downloads downloads;

    @Inject
    ShareLinks links;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Clock clock;

    @GET
    @Path("{fileId}/download")
    @RolesAllowed("user")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download a finished file (Range: 206, multiple ranges as multipart/byteranges, 416)")
    public Response download(@PathParam("fileId") UUID fileId, @HeaderParam("Range") String range) {
        return FileResponses.of(downloads.owned(caller.require().userId(), fileId), range);
    }

    @POST
    @Path("{fileId}/share")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @NoStore
    @Operation(summary = "A signed link to the file that works without signing in until it expires (default 1 day)")
    public ShareLink share(@PathParam("fileId") UUID fileId, @Valid ShareRequest request) {
        downloads.owned(caller.require().userId(), fileId);
        long ttl = request == null || request.ttlSeconds() == null ? 86_400 : request.ttlSeconds();
        Instant expires = Instant.ofEpochSecond(clock.instant().getEpochSecond() + ttl);
        String url = publicUrl.resolve("/api/files/" + fileId + "/shared?expires=" + expires.getEpochSecond()
                + "&signature=" + links.sign(fileId, expires));
        return new ShareLink(url, expires);
    }

    @GET
    @Path("{fileId}/shared")
    @PermitAll // the signature is the credential; ShareLinks checks it and its expiry
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download a file through a signed link (no sign-in; ranges as for download)")
    public Response shared(@PathParam("fileId") UUID fileId, @QueryParam("expires") @NotNull Long expires,
            @QueryParam("signature") @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the link's signature")
            String signature, @HeaderParam("Range") String range) {
        links.verify(fileId, expires, signature);
        return FileResponses.of(downloads.shared(fileId), range);
    }
}
