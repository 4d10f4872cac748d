package io.paddock.platform.rest;

import java.util.Map;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The one JAX-RS application: every resource lives under {@code /api}.
 * Resources and providers are discovered by scanning, so a module only adds classes.
 */
@ApplicationPath("api")
@ApplicationScoped
@DeclareRoles({"user", "support", "admin", "superadmin"})
@OpenAPIDefinition(info = @Info(title = "Paddock API", version = "0.1.0",
        description = "One server for online racing communities. Errors are RFC 9457 problem+json."))
public class PaddockApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                // Jackson instead of the runtime's default JSON-B, configured by JacksonConfiguration.
                "jersey.config.jsonFeature", "JacksonFeature",
                // No generated WADL (application.wadl, OPTIONS bodies): it names the runtime and its version,
                // and /openapi already describes the API.
                "jersey.config.server.wadl.disableWadl", true);
    }
}
