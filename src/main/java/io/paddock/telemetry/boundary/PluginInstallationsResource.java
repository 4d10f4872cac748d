package io.paddock.telemetry.boundary;

import java.net.URI;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.web.NoStore;
import io.paddock.telemetry.control.Installations;
import io.paddock.telemetry.entity.PluginInstallation;
import io.paddock.telemetry.entity.SimPlatform;

/** A signed-in user registers plugin installations (the secret is shown once), lists and revokes them. */
@Path("plugin/installations")
@Tag(name = "Plugin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class PluginInstallationsResource {

    public record Register(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String installationId,
            @NotBlank @Size(max = 40) String pluginVersion, @NotNull SimPlatform simPlatform) {
    }

    public record InstallationView(UUID id, String installationId, String pluginVersion, SimPlatform simPlatform,
            Instant firstSeenAt, Instant lastSeenAt, Instant revokedAt, boolean active) {

        static InstallationView of(PluginInstallation i) {
            return new InstallationView(i.id(), i.installationKey(), i.pluginVersion(), i.simPlatform(),
                    i.firstSeenAt(), i.lastSeenAt(), i.revokedAt(), i.active());
        }
    }

    /** The only time the secret is returned. */
    public record Registered(UUID id, String installationId, String pluginVersion, SimPlatform simPlatform,
            String secret, Instant firstSeenAt) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Installations installations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register this machine's plugin (or re-register it): the response holds the signing "
            + "secret, which is never shown again")
    @NoStore
    @APIResponseSchema(value = Registered.class, responseCode = "201", responseDescription = "The installation with its signing secret (200 when re-registered)")
    public Response register(@Valid @NotNull Register request) {
        Installations.Registered registered = installations.register(currentCaller.require().userId(),
                request.installationId(), request.pluginVersion(), request.simPlatform());
        PluginInstallation i = registered.installation();
        Registered body = new Registered(i.id(), i.installationKey(), i.pluginVersion(), i.simPlatform(),
                registered.secret(), i.firstSeenAt());
        return registered.created() ? Response.created(URI.create("/api/plugin/installations/" + i.id()))
                .entity(body).build() : Response.ok(body).build();
    }

    @GET
    @Operation(summary = "Your plugin installations, active and revoked")
    public List<InstallationView> list() {
        return installations.of(currentCaller.require().userId()).stream().map(InstallationView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an installation: its signed requests are refused from now on")
    public Response revoke(@PathParam("id") UUID id) {
        installations.revoke(currentCaller.require().userId(), id);
        return Response.noContent().build();
    }
}
