package io.paddock.identity.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.paddock.identity.control.OAuthSignIns;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.errors.RetryLaterException;
import io.paddock.platform.web.SameSitePath;

/**
 * Where a browser sign-in ends. A sign-in that worked returns straight to the page that asked for it
 * ({@code return_to}, a {@link SameSitePath}); otherwise the Gate page says what happened, told by its query.
 * The query carries codes only (a problem slug, the provider, seconds to wait, the page to go back to) and
 * the page words them itself: a link anyone can craft must not make Paddock's page say what its author wants.
 */
final class GateRedirects {

    static final String GATE = "/gate.html";

    private GateRedirects() {
    }

    static String of(OAuthSignIns.Outcome outcome) {
        String provider = outcome.provider() == null ? "" : "&provider=" + outcome.provider().id();
        Optional<String> next = SameSitePath.of(outcome.returnTo());
        String nextParameter = next.map(path -> "&next=" + encode(path)).orElse("");
        if (!outcome.succeeded()) {
            return GATE + "?error=" + encode(outcome.error()) + provider + nextParameter;
        }
        if (!outcome.linked() && next.isPresent()) {
            return next.get();
        }
        return GATE + "?success=1" + (outcome.linked() ? "&linked=1" : "") + provider + nextParameter;
    }

    static String failure(PaddockException refusal, String returnTo) {
        return GATE + "?error=" + encode(refusal.slug()) + (refusal instanceof RetryLaterException later
                ? "&retry_after=" + later.retryAfterSeconds() : "") + nextOf(returnTo);
    }

    static String failure(String error, String returnTo) {
        return GATE + "?error=" + encode(error) + nextOf(returnTo);
    }

    private static String nextOf(String returnTo) {
        return SameSitePath.of(returnTo).map(path -> "&next=" + encode(path)).orElse("");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
