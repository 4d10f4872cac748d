package io.paddock.platform.rest;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this server is: name, version and its clock, for clients and the web shell. */
@Path("info")
@Tag(name = "Platform")
@PermitAll
public class InfoResource {

    public record ServerInfo(String name, String version, Instant time) {
    }

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "paddock.version", defaultValue = "0.1.0")
    String version;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server name, version and current time")
    public ServerInfo info() {
        return new ServerInfo("Paddock", version, clock.instant());
    }
}
