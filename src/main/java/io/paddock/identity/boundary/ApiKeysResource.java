package io.paddock.identity.boundary;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.identity.control.ApiKeys;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.entity.ApiKey;
import io.paddock.platform.web.NoStore;

/** API keys for scripts: create (the key is shown once), list, revoke. */
@Path("auth/api-keys")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class ApiKeysResource {

    public record CreateKey(@NotBlank @Size(max = 100) String name, @JsonProperty("expires_at") Instant expiresAt) {
    }

    public record KeyView(UUID id, String name, String prefix, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_used_at") Instant lastUsedAt, @JsonProperty("expires_at") Instant expiresAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.prefix(), key.createdAt(), key.lastUsedAt(), key.expiresAt());
        }
    }

    /** The only time the full key is returned. */
    public record CreatedKey(UUID id, String name, String prefix, String key,
            @JsonProperty("created_at") Instant createdAt, @JsonProperty("expires_at") Instant expiresAt) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ApiKeys apiKeys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the response holds the full key, which is never shown again")
    @NoStore
    @APIResponseSchema(value = CreatedKey.class, responseCode = "201", responseDescription = "The new key, its secret shown this once")
    public Response create(@Valid @NotNull CreateKey request) {
        ApiKeys.Created created = apiKeys.create(currentCaller.require().userId(), request.name(), request.expiresAt());
        ApiKey key = created.key();
        return Response.created(URI.create("/api/auth/api-keys/" + key.id()))
                .entity(new CreatedKey(key.id(), key.name(), key.prefix(), created.secret(), key.createdAt(),
                        key.expiresAt()))
                .build();
    }

    @GET
    @Operation(summary = "Your active API keys (prefix, name, created, last used, expiry)")
    public List<KeyView> list() {
        return apiKeys.of(currentCaller.require().userId()).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API key; it stops working at once")
    public Response revoke(@PathParam("id") UUID id) {
        apiKeys.revoke(currentCaller.require().userId(), id);
        return Response.noContent().build();
    }
}
