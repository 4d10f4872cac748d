package io.paddock.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.paddock.platform.errors.ConflictException;

/** Test-only endpoints that exercise the platform's error handling; deployed by PlatformIT only. */
@Path("test-probe")
@PermitAll
public class ProbeResource {

    public record Lap(@NotBlank String track, @NotNull @Min(1) @Max(500) Integer laps, @Size(max = 5) String car) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Lap echo(@Valid @NotNull Lap lap) {
        return lap;
    }

    @POST
    @Path("fail/{kind}")
    public void fail(@PathParam("kind") String kind) {
        switch (kind) {
            case "conflict" -> throw new ConflictException("race-not-open", "Race not open",
                    "The race is running; participants can no longer be added.");
            case "lost-update" -> throw new OptimisticLockException("version 3 expected");
            default -> throw new IllegalStateException("secret internal detail io.paddock.Hidden");
        }
    }
}
