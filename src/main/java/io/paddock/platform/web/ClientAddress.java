package io.paddock.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The client's IP address for rate limits and session lists: the socket's peer, or the first
 * {@code X-Forwarded-For} hop when {@code paddock.trust-proxy=true} (only behind your own proxy).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        boolean trustProxy = ConfigProvider.getConfig().getOptionalValue("paddock.trust-proxy", Boolean.class)
                .orElse(false);
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustProxy && forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",", 2)[0].trim();
        }
        return request.getRemoteAddr();
    }
}
