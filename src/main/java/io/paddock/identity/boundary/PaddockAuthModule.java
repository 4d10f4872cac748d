package io.paddock.identity.boundary;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.identity.control.Caller;
import io.paddock.identity.control.CallerResolver;
import io.paddock.identity.control.CurrentCaller;
import io.paddock.platform.errors.ServletProblems;
import io.paddock.platform.security.SignedPaths;
import io.paddock.platform.web.RequestGuard;

/**
 * Resolves the caller of every API, WebSocket and sign-in request from, in order:
 * {@code Authorization: Bearer} with an access token or an API key, or the browser session cookie
 * (both through {@link CallerResolver}).
 * A presented credential that is not valid is refused (401) rather than ignored; a cookie-authenticated
 * request that changes state must carry the session's CSRF token (403 otherwise).
 * Groups are the caller's role and every role below it, so {@code @RolesAllowed("admin")} admits superadmins.
 * <p>
 * A Jakarta Authentication module of our own, registered once at startup ({@link AuthModuleInstaller})
 * with its collaborators in hand: Soteria's bridge for an {@code HttpAuthenticationMechanism} looked the
 * mechanism up through JNDI twice per request, a fifth of the heartbeat path's CPU (docs/benchmarks.md).
 * Requests to {@code @Signed} endpoints carry no user credential (the endpoint checks their signature), so
 * the module resolves no caller there: a user credential sent with them grants nothing. Their paths were
 * computed once at startup ({@link SignedPaths}).
 */
public final class PaddockAuthModule implements ServerAuthModule {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Class<?>[] MESSAGE_TYPES = {HttpServletRequest.class, HttpServletResponse.class};

    private final CallerResolver callers;
    private final SignedPaths signedPaths;
    private volatile CallbackHandler handler;

    PaddockAuthModule(CallerResolver callers, SignedPaths signedPaths) {
        this.callers = callers;
        this.signedPaths = signedPaths;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
            @SuppressWarnings("rawtypes") Map options) {
        this.handler = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return MESSAGE_TYPES.clone();
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        String path = request.getRequestURI();
        if (!(path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/auth/"))
                || signedPaths.contains(path)) {
            return anonymous(client); // static pages carry no identity; signed requests no user
        }
        if (RequestGuard.refused(request, response)) {
            return AuthStatus.SEND_FAILURE; // a malformed URL or oversized headers: no credential is read
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Caller> caller = callers.bearer(authorization.substring(7).trim());
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                return refuse(request, response, 401, "invalid-token", "Invalid credential",
                        "The bearer token or API key is unknown, expired or revoked, or its account is suspended.");
            }
            return accept(request, client, caller.get());
        }
        Optional<String> cookie = SessionCookies.read(request, SessionCookies.SESSION);
        if (cookie.isPresent()) {
            Optional<CallerResolver.SessionCaller> session = callers.session(cookie.get());
            if (session.isPresent()) {
                if (!SAFE_METHODS.contains(request.getMethod()) && path.startsWith("/api/")) {
                    String csrf = request.getHeader(SessionCookies.CSRF_HEADER);
                    if (csrf == null || csrf.isBlank()) {
                        return refuse(request, response, 403, "csrf-token-missing", "CSRF token missing",
                                "Requests signed in by cookie must send the " + SessionCookies.CSRF_HEADER
                                        + " header with the value of the paddock_csrf cookie.");
                    }
                    if (!session.get().csrfMatches(csrf)) {
                        return refuse(request, response, 403, "csrf-token-invalid", "CSRF token invalid",
                                "The " + SessionCookies.CSRF_HEADER + " header does not match this session.");
                    }
                }
                return accept(request, client, session.get().caller());
            }
        }
        return anonymous(client);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }

    /** The container's caller is the {@link Caller} with its role's groups; our code reads the request attribute. */
    private AuthStatus accept(HttpServletRequest request, Subject client, Caller caller) throws AuthException {
        request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
        handle(new CallerPrincipalCallback(client, caller));
        Set<String> groups = caller.role().groups();
        if (!groups.isEmpty()) {
            handle(new GroupPrincipalCallback(client, groups.toArray(String[]::new)));
        }
        return AuthStatus.SUCCESS;
    }

    /** No caller: the container is told so explicitly (a null principal), as the Jakarta Security bridge did. */
    private AuthStatus anonymous(Subject client) throws AuthException {
        handle(new CallerPrincipalCallback(client, (Principal) null));
        return AuthStatus.SUCCESS;
    }

    private void handle(Callback callback) throws AuthException {
        try {
            handler.handle(new Callback[] {callback});
        } catch (IOException | UnsupportedCallbackException e) {
            AuthException failure = new AuthException("The container refused the caller: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static AuthStatus refuse(HttpServletRequest request, HttpServletResponse response, int status,
            String slug, String title, String detail) {
        try {
            ServletProblems.write(request, response, status, slug, title, detail, List.of());
        } catch (IOException e) {
            // The client went away; nothing left to tell it.
        }
        return AuthStatus.SEND_FAILURE;
    }
}
