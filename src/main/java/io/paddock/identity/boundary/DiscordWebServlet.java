package io.paddock.identity.boundary;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.OAuthSignIns;
import io.paddock.identity.control.RateLimiter;
import io.paddock.identity.entity.Provider;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.web.ClientAddress;

/**
 * Discord web sign-in, outside /api because these are the addresses registered with Discord:
 * {@code GET /auth/discord[?link=1][&return_to=/page]} redirects to Discord's authorize page (state + PKCE);
 * {@code GET /auth/callback?code&state} finishes it with a new browser session and redirects back to the
 * {@code return_to} page (the Gate page when there is none, or on failure). Both always answer with a redirect, never an error page.
 */
@WebServlet(urlPatterns = {"/auth/discord", "/auth/callback"})
@PermitAll // where signing in starts; linking checks the signed-in caller itself
public class DiscordWebServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DiscordWebServlet.class.getName());

    @Inject
    transient OAuthSignIns signIns;

    @Inject
    transient CurrentCaller caller;

    @Inject
    transient SessionCookies cookies;

    @Inject
    transient RateLimiter limiter;

    @Inject
    transient OAuthStateCookie stateCookie;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String location;
        try {
            if (request.getServletPath().equals("/auth/discord")) {
                // Each start stores a state row; callbacks need no limit (a state works once).
                limiter.check(RateLimiter.Bucket.SIGN_IN_IP, ClientAddress.of(request));
                OAuthSignIns.Started started = signIns.begin(Provider.DISCORD, caller.get(),
                        "1".equals(request.getParameter("link")), request.getParameter("return_to"));
                stateCookie.set(response, started.state());
                location = started.authorizeUrl();
            } else {
                OAuthSignIns.Outcome outcome = signIns.complete(Provider.DISCORD, request.getParameter("code"),
                        request.getParameter("state"), OAuthStateCookie.read(request).orElse(null),
                        request.getParameter("error"), request.getHeader("User-Agent"), ClientAddress.of(request));
                stateCookie.clear(response);
                outcome.session().ifPresent(started -> cookies.issue(response, started));
                location = GateRedirects.of(outcome);
            }
        } catch (PaddockException e) {
            location = GateRedirects.failure(e, request.getParameter("return_to"));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Discord sign-in failed", e);
            location = GateRedirects.failure("sign-in-failed", request.getParameter("return_to"));
        }
        response.sendRedirect(location);
    }
}
