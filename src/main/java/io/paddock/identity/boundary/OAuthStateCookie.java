package io.paddock.identity.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.NewCookie;

/**
 * Binds an OAuth2 {@code state} to the browser that started the sign-in: the state also goes into
 * a short-lived HttpOnly cookie, and a callback must bring both. Without it, someone could start a
 * sign-in with their own account and send the callback link to a victim, who would then be signed
 * in as the attacker (login CSRF). SameSite=Lax still sends it on the provider's top-level redirect.
 */
@ApplicationScoped
public class OAuthStateCookie {

    public static final String NAME = "paddock_oauth_state";
    private static final int MAX_AGE = 600; // the state's own lifetime

    @Inject
    SessionCookies sessionCookies;

    public void set(HttpServletResponse response, String state) {
        response.addCookie(servletCookie(state, MAX_AGE));
    }

    public void clear(HttpServletResponse response) {
        response.addCookie(servletCookie("", 0));
    }

    public NewCookie set(String state) {
        return cookie(state, MAX_AGE);
    }

    public NewCookie clear() {
        return cookie("", 0);
    }

    public static Optional<String> read(HttpServletRequest request) {
        return SessionCookies.read(request, NAME);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(sessionCookies.secure())
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    private Cookie servletCookie(String value, int maxAge) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(sessionCookies.secure());
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
