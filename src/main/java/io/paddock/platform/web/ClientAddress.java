package io.paddock.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The client's IP address for rate limits and session lists: the socket's peer, or, when
 * {@code paddock.trust-proxy=true} (only behind your own proxy), the last {@code X-Forwarded-For}
 * entry — the one your proxy appended. Earlier entries come from the client and are not trusted: a
 * client could otherwise name any address and escape per-address limits.
 */
public final class ClientAddress {

    /** Read once: the setting belongs to the deployment, not to a request. */
    private static final class Trust {
        static final boolean PROXY = ConfigProvider.getConfig()
                .getOptionalValue("paddock.trust-proxy", Boolean.class).orElse(false);
    }

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), Trust.PROXY);
    }

    static String of(String peer, String forwardedFor, boolean trustProxy) {
        if (!trustProxy || forwardedFor == null) {
            return peer;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
        return last.isEmpty() ? peer : last;
    }
}
