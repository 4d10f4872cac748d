package io.paddock.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Browser security headers on every response of the WAR: pages, static files, JAX-RS, servlets and
 * the 404 page (the ERROR dispatch). The policy allows our own origin only: pages load their scripts
 * and styles as files (no inline code), talk to this origin's API and WebSockets ({@code 'self'}
 * covers {@code ws:}/{@code wss:} on the same host), and are never framed. When the register page's
 * Turnstile widget is configured, Cloudflare's script and frame origin is allowed as well.
 * The headers are built once, at init; each request only copies them. WebSocket handshakes go without
 * them ({@link WebSocketHandshakes}).
 * <p>
 * Mapped in web.xml, where the filters' order is written down.
 */
public class SecurityHeaders extends HttpFilter {

    /** Where Cloudflare Turnstile's script and challenge frame come from. */
    static final String TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

    private static final long serialVersionUID = 1L;

    /** Without Turnstile: also what responses written before the filter chain carry. */
    private static final Map<String, String> BASELINE = headers(false);

    private transient Map<String, String> headers = BASELINE;

    @Override
    public void init() {
        Optional<String> siteKey = ConfigProvider.getConfig().getOptionalValue("paddock.turnstile.site-key",
                String.class);
        headers = headers(siteKey.filter(key -> !key.isBlank()).isPresent());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!WebSocketHandshakes.isHandshake(request)) {
            headers.forEach(response::setHeader);
        }
        chain.doFilter(request, response);
    }

    /**
     * Adds the headers to a response answered before servlet filters run (the authentication module's
     * refusals), keeping any the filter already set. Those are problem documents, not pages, so the
     * baseline policy fits them.
     */
    public static void applyTo(HttpServletResponse response) {
        BASELINE.forEach((name, value) -> {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        });
    }

    static Map<String, String> headers(boolean turnstile) {
        String scripts = turnstile ? "'self' " + TURNSTILE_ORIGIN : "'self'";
        String policy = "default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self'; "
                + "connect-src 'self'; " + (turnstile ? "frame-src " + TURNSTILE_ORIGIN + "; " : "")
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", policy);
        headers.put("X-Content-Type-Options", "nosniff");
        // Same-origin requests keep the full URL; other origins see ours only, never a page's query
        // (reset and verification tokens, OAuth codes).
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("X-Frame-Options", "DENY");
        return Map.copyOf(headers);
    }
}
