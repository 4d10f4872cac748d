package io.paddock.identity.boundary;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.OAuthSignIns;
import io.paddock.identity.control.RateLimiter;
import io.paddock.identity.entity.Provider;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.web.ClientAddress;
import io.paddock.platform.web.NoStore;

/**
 * Twitch sign-in (SpeedFog's addresses): {@code GET /api/auth/twitch[?link=1][&return_to=/page]} → Twitch →
 * {@code GET /api/auth/callback?code&state} → back to the {@code return_to} page, signed in (the Gate page when
 * there is none, or on failure). Both answer with redirects.
 */
@Path("auth")
@Tag(name = "Authentication")
public class TwitchAuthResource {

    @Inject
    OAuthSignIns signIns;

    @Inject
    CurrentCaller caller;

    @Inject
    SessionCookies cookies;

    @Inject
    RateLimiter limiter;

    @Inject
    OAuthStateCookie stateCookie;

    @Context
    HttpServletRequest request;

    @GET
    @Path("twitch")
    @PermitAll
    @Operation(summary = "Start Twitch sign-in (302 to Twitch); with link=1 and a signed-in caller, link Twitch instead")
    @NoStore
    @APIResponse(responseCode = "302", description = "Redirect to Twitch, or to the Gate page with an error")
    public Response start(@QueryParam("link") String link, @QueryParam("return_to") String returnTo) {
        try {
            limiter.check(RateLimiter.Bucket.SIGN_IN_IP, ClientAddress.of(request));
            OAuthSignIns.Started started = signIns.begin(Provider.TWITCH, caller.get(), "1".equals(link), returnTo);
            return redirect(started.authorizeUrl()).cookie(stateCookie.set(started.state())).build();
        } catch (PaddockException e) {
            return redirect(GateRedirects.failure(e, returnTo)).build();
        }
    }

    @GET
    @Path("callback")
    @PermitAll
    @Operation(summary = "Twitch's redirect back: signs in (browser session cookies) or links, then 302 to return_to or the Gate page")
    @NoStore
    @APIResponse(responseCode = "302", description = "Redirect to the return_to page, or to the Gate page with success or an error")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @HeaderParam("User-Agent") String userAgent) {
        OAuthSignIns.Outcome outcome = signIns.complete(Provider.TWITCH, code, state,
                OAuthStateCookie.read(request).orElse(null), error, userAgent, ClientAddress.of(request));
        Response.ResponseBuilder response = redirect(GateRedirects.of(outcome)).cookie(stateCookie.clear());
        outcome.session().ifPresent(started -> response.cookie(cookies.issue(started)));
        return response.build();
    }

    private static Response.ResponseBuilder redirect(String location) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(Response.Status.FOUND).location(URI.create(location)).cacheControl(noStore);
    }
}
