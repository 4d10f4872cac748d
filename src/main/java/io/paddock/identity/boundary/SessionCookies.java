package io.paddock.identity.boundary;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.NewCookie;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.paddock.identity.control.BrowserSessions;
import io.paddock.platform.config.PublicUrl;

/**
 * The two browser cookies: {@code paddock_session} (HttpOnly, the session token) and
 * {@code paddock_csrf} (readable by the page's script, echoed in {@code X-CSRF-Token}). Both
 * SameSite=Lax; Secure unless {@code paddock.session.cookie-secure=false} or the public URL is http.
 */
@ApplicationScoped
public class SessionCookies {

    public static final String SESSION = "paddock_session";
    public static final String CSRF = "paddock_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "paddock.session.cookie-secure")
    Optional<Boolean> secureOverride;

    @Inject
    @ConfigProperty(name = "paddock.session.lifetime", defaultValue = "P14D")
    Duration lifetime;

    boolean secure() {
        return secureOverride.orElse(publicUrl.isHttps());
    }

    public NewCookie[] issue(BrowserSessions.Started started) {
        return new NewCookie[] {cookie(SESSION, started.token(), true, (int) lifetime.toSeconds()),
            cookie(CSRF, started.csrfToken(), false, (int) lifetime.toSeconds())};
    }

    public NewCookie[] clear() {
        return new NewCookie[] {cookie(SESSION, "", true, 0), cookie(CSRF, "", false, 0)};
    }

    private NewCookie cookie(String name, String value, boolean httpOnly, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(httpOnly).secure(secure())
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    /** For servlets (the OAuth callback) that answer with a redirect rather than through JAX-RS. */
    public void issue(HttpServletResponse response, BrowserSessions.Started started) {
        response.addCookie(servletCookie(SESSION, started.token(), true, (int) lifetime.toSeconds()));
        response.addCookie(servletCookie(CSRF, started.csrfToken(), false, (int) lifetime.toSeconds()));
    }

    private Cookie servletCookie(String name, String value, boolean httpOnly, int maxAge) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath("/");
        cookie.setHttpOnly(httpOnly);
        cookie.setSecure(secure());
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    public static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> name.equals(c.getName()) && !c.getValue().isBlank())
                .map(Cookie::getValue).findFirst();
    }
}
