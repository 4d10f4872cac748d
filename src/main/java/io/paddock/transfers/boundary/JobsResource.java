package io.paddock.transfers.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.transfers.control.JobView;
import io.paddock.transfers.control.Transfers;
import io.paddock.transfers.entity.JobState;

/** Torrent jobs of the caller (docs/api/transfers.md). */
@Path("jobs")
@Tag(name = "Transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class JobsResource {

    static final String BITTORRENT = "application/x-bittorrent";

    public record SubmitMagnet(@NotBlank @Size(max = 8192) String magnet) {
    }

    public record Selection(@NotNull Boolean selected) {
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Transfers transfers;

    @Inject
    EventStreams streams;

    private UUID me() {
        return caller.require().userId();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a job from a magnet link")
    @APIResponseSchema(value = JobView.class, responseCode = "201", responseDescription = "The new job")
    public Response submit(@Valid @NotNull SubmitMagnet request) {
        return created(transfers.submitMagnet(me(), request.magnet()));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a job from a .torrent file (multipart field 'torrent', at most 10 MB; optional field 'peers': host:port, comma-separated)")
    @APIResponseSchema(value = JobView.class, responseCode = "201", responseDescription = "The new job")
    public Response upload(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        MultipartTorrent.Upload upload = MultipartTorrent.fromMultipart(contentType, body);
        return created(transfers.submitTorrent(me(), upload.torrent(), upload.peers()));
    }

    @POST
    @Consumes(BITTORRENT)
    @Operation(summary = "Add a job from a .torrent file sent as the body (at most 10 MB)")
    @APIResponseSchema(value = JobView.class, responseCode = "201", responseDescription = "The new job")
    public Response uploadRaw(@QueryParam("peers") @Size(max = 2000) String peers, InputStream body) throws IOException {
        return created(transfers.submitTorrent(me(), MultipartTorrent.raw(body), peers));
    }

    private static Response created(JobView job) {
        return Response.created(URI.create("/api/jobs/" + job.id())).entity(job).build();
    }

    @GET
    @Operation(summary = "The caller's jobs, newest first; ?state=downloading,paused filters, ?page (from 0) and ?size (1-100) page")
    public Transfers.Page list(@QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return transfers.list(me(), states(state), page, size);
    }

    static Set<JobState> states(String state) {
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        if (state != null && !state.isBlank()) {
            for (String s : state.split(",")) {
                try {
                    states.add(JobState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException("invalid-state", "Unknown state",
                            "state must be one or more of submitted, metadata_fetch, queued, downloading, uploading, "
                                    + "scanning, completed, paused, failed, cancelled.");
                }
            }
        }
        return states;
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events of all the caller's jobs (job, progress, deleted); Last-Event-ID replays what was missed")
    public void events(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        stream(null, lastEventId, sink, sse);
    }

    @GET
    @Path("{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events of one job; Last-Event-ID replays what was missed")
    public void jobEvents(@PathParam("jobId") UUID jobId, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        stream(jobId, lastEventId, sink, sse);
    }

    /** A stream of the caller's events, of one job of theirs when {@code jobId} is not null. */
    private void stream(UUID jobId, String lastEventId, SseEventSink sink, Sse sse) {
        long after = lastEventId(lastEventId);
        if (jobId != null) {
            transfers.get(me(), jobId);
        }
        streams.open(me(), jobId, after, sink, sse);
    }

    /** The id after which to replay, or -1 (live events only) without the header. */
    static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid-last-event-id", "Invalid Last-Event-ID",
                    "Last-Event-ID must be the id of an event this server sent.");
        }
    }

    @GET
    @Path("{jobId}")
    @Operation(summary = "One job")
    public JobView get(@PathParam("jobId") UUID jobId) {
        return transfers.get(me(), jobId);
    }

    @POST
    @Path("{jobId}/pause")
    @Operation(summary = "Pause a job, keeping what is downloaded (409 once completed, failed or cancelled)")
    public JobView pause(@PathParam("jobId") UUID jobId) {
        return transfers.pause(me(), jobId);
    }

    @POST
    @Path("{jobId}/resume")
    @Operation(summary = "Resume a paused job from what is on disk (409 once completed, failed or cancelled)")
    public JobView resume(@PathParam("jobId") UUID jobId) {
        return transfers.resume(me(), jobId);
    }

    @POST
    @Path("{jobId}/cancel")
    @Operation(summary = "Cancel a job and remove its files (409 once completed, failed or cancelled)")
    public JobView cancel(@PathParam("jobId") UUID jobId) {
        return transfers.cancel(me(), jobId);
    }

    @DELETE
    @Path("{jobId}")
    @Operation(summary = "Delete a job and its files")
    public Response delete(@PathParam("jobId") UUID jobId) {
        transfers.delete(me(), jobId);
        return Response.noContent().build();
    }

    @GET
    @Path("{jobId}/files")
    @Operation(summary = "The job's files (known once the metadata arrived)")
    public java.util.List<Transfers.FileView> files(@PathParam("jobId") UUID jobId) {
        return transfers.files(me(), jobId);
    }

    @PUT
    @Path("{jobId}/files/{fileId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch (selected: true) or skip (selected: false) one file of a running or paused job")
    public Transfers.FileView select(@PathParam("jobId") UUID jobId, @PathParam("fileId") UUID fileId,
            @Valid @NotNull Selection selection) {
        return transfers.select(me(), jobId, fileId, selection.selected());
    }

    @GET
    @Path("{jobId}/torrent")
    @Produces(BITTORRENT)
    @Operation(summary = "The job's .torrent file (for a magnet job, once its metadata arrived)")
    public Response torrent(@PathParam("jobId") UUID jobId) {
        JobView job = transfers.get(me(), jobId);
        return Response.ok(transfers.torrent(me(), jobId), BITTORRENT)
                .header("Content-Disposition", FileResponses.attachment(job.name() + ".torrent")).build();
    }
}
