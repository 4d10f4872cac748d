package io.paddock.platform.web;

import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} (and {@code Pragma: no-cache} for HTTP/1.0 caches) on the answers of
 * {@link NoStore} methods, replacing whatever the method set.
 */
@Provider
@NoStore
public class NoStoreFilter implements ContainerResponseFilter {

    /** The headers, also for servlets that hand out secrets. */
    public static final Map<String, String> HEADERS = Map.of(HttpHeaders.CACHE_CONTROL, "no-store", "Pragma",
            "no-cache");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        HEADERS.forEach(response.getHeaders()::putSingle);
    }
}
