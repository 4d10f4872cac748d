package io.paddock.telemetry.boundary;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where to download the SimHub plugin, as the operator configured it; the Gate page shows the link. */
@Path("plugin/download")
@Tag(name = "Plugin")
@Produces(MediaType.APPLICATION_JSON)
public class PluginDownloadResource {

    /** Both null when no download is configured. */
    public record PluginDownload(String url, String version) {
    }

    @Inject
    @ConfigProperty(name = "paddock.plugin.download-url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "paddock.plugin.download-version")
    Optional<String> version;

    @GET
    @PermitAll
    @Operation(summary = "The SimHub plugin's download link and version (paddock.plugin.download-url); nulls when none")
    public PluginDownload download() {
        Optional<String> link = url.map(String::strip).filter(PluginDownloadResource::webAddress);
        return new PluginDownload(link.orElse(null), link.flatMap(l -> version).map(String::strip).orElse(null));
    }

    /** Only an http(s) address becomes a link: a javascript: or data: URL would run on the Gate page. */
    static boolean webAddress(String candidate) {
        String lower = candidate.toLowerCase(java.util.Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("/"))
                && !lower.startsWith("//") && candidate.chars().noneMatch(c -> c <= 0x20 || c == '\\');
    }
}
