package io.paddock.identity.boundary;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.identity.control.AccessTokens;
import io.paddock.identity.control.ApiKeys;
import io.paddock.identity.control.BrowserSessions;
import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.identity.control.Secrets;
import io.paddock.identity.entity.ApiKey;
import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.BrowserSession;
import io.paddock.platform.errors.Problem;
import io.paddock.platform.json.Json;
import io.paddock.platform.web.RequestIdFilter;

/**
 * Resolves the caller of every API, WebSocket and sign-in request from, in order:
 * {@code Authorization: Bearer} with an access token or an API key, or the browser session cookie.
 * A presented credential that is not valid is refused (401) rather than ignored; a cookie-authenticated
 * request that changes state must carry the session's CSRF token (403 otherwise).
 * Groups are the caller's role and every role below it, so {@code @RolesAllowed("admin")} admits superadmins.
 */
@ApplicationScoped
public class PaddockAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AccessTokens accessTokens;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BrowserSessions sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI();
        if (!(path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/auth/"))) {
            return context.doNothing(); // static pages and assets carry no identity
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String credential = authorization.substring(7).trim();
            Optional<Caller> caller = ApiKeys.looksLikeKey(credential) ? apiKeys.authenticate(credential).map(
                    PaddockAuthenticationMechanism::callerOf) : accessTokens.verify(credential);
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                return refuse(request, response, context, 401, "invalid-token", "Invalid credential",
                        "The bearer token or API key is unknown, expired or revoked.");
            }
            return accept(request, context, caller.get());
        }
        Optional<String> cookie = SessionCookies.read(request, SessionCookies.SESSION);
        if (cookie.isPresent()) {
            Optional<BrowserSession> session = sessions.authenticate(cookie.get());
            if (session.isPresent()) {
                if (!SAFE_METHODS.contains(request.getMethod()) && path.startsWith("/api/")) {
                    String csrf = request.getHeader(SessionCookies.CSRF_HEADER);
                    if (csrf == null || csrf.isBlank()) {
                        return refuse(request, response, context, 403, "csrf-token-missing", "CSRF token missing",
                                "Requests signed in by cookie must send the " + SessionCookies.CSRF_HEADER
                                        + " header with the value of the paddock_csrf cookie.");
                    }
                    if (!Secrets.same(session.get().csrfHash(), Secrets.sha256Hex(csrf))) {
                        return refuse(request, response, context, 403, "csrf-token-invalid", "CSRF token invalid",
                                "The " + SessionCookies.CSRF_HEADER + " header does not match this session.");
                    }
                }
                return accept(request, context, callerOf(session.get()));
            }
        }
        return context.doNothing();
    }

    private static Caller callerOf(ApiKey key) {
        return new Caller(key.user().id(), key.user().displayName(), key.user().role(), AuthMethod.API_KEY,
                Caller.Credential.API_KEY, null);
    }

    private static Caller callerOf(BrowserSession session) {
        return new Caller(session.user().id(), session.user().displayName(), session.user().role(),
                session.authMethod(), Caller.Credential.SESSION, session.id());
    }

    private static AuthenticationStatus accept(HttpServletRequest request, HttpMessageContext context, Caller caller) {
        request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(caller, caller.role().groups());
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, int status, String slug, String title, String detail) {
        try {
            String requestId = RequestIdFilter.ensure(request, response);
            response.setStatus(status);
            response.setContentType(Problem.MEDIA_TYPE);
            // Jackson writes UTF-8 bytes, JSON's only encoding, so no charset parameter is needed.
            response.getOutputStream().write(Json.mapper().writeValueAsBytes(new Problem(Problem.typeOf(slug), title,
                    status, detail, requestId, java.util.List.of())));
        } catch (IOException e) {
            // The client went away; nothing left to tell it.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
