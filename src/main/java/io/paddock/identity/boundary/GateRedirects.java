package io.paddock.identity.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.paddock.identity.control.OAuthSignIns;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.errors.RetryLaterException;
import io.paddock.platform.web.SameSitePath;

/**
 * Where a browser sign-in ends: the Gate page, told by its query whether it worked. The query carries
 * codes only (a problem slug, the provider, seconds to wait) and the page words them itself: a link
 * anyone can craft must not make Paddock's page say what its author wants.
 */
final class GateRedirects {

    static final String GATE = "/gate.html";

    private GateRedirects() {
    }

    static String of(OAuthSignIns.Outcome outcome) {
        String provider = outcome.provider() == null ? "" : "&provider=" + outcome.provider().id();
        if (!outcome.succeeded()) {
            return GATE + "?error=" + encode(outcome.error()) + provider;
        }
        return GATE + "?success=1" + (outcome.linked() ? "&linked=1" : "") + provider
                + SameSitePath.of(outcome.returnTo()).map(next -> "&next=" + encode(next)).orElse("");
    }

    static String failure(PaddockException refusal) {
        return GATE + "?error=" + encode(refusal.slug()) + (refusal instanceof RetryLaterException later
                ? "&retry_after=" + later.retryAfterSeconds() : "");
    }

    static String failure(String error) {
        return GATE + "?error=" + encode(error);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
