package io.paddock.identity.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.paddock.identity.control.OAuthSignIns;
import io.paddock.platform.errors.PaddockException;
import io.paddock.platform.errors.RetryLaterException;

/** Where a browser sign-in ends: the Gate page, told by its query whether it worked. */
final class GateRedirects {

    static final String GATE = "/gate.html";

    private GateRedirects() {
    }

    static String of(OAuthSignIns.Outcome outcome) {
        if (outcome.succeeded()) {
            return GATE + "?success=1" + (outcome.linked() ? "&linked=1" : "") + "&message=" + encode(outcome.message())
                    + (outcome.returnTo() == null ? "" : "&next=" + encode(outcome.returnTo()));
        }
        return failure(outcome.error(), outcome.message());
    }

    static String failure(String error, String message) {
        return GATE + "?error=" + encode(error) + "&message=" + encode(message);
    }

    /** A refused sign-in; one the browser may retry (a rate limit) says after how many seconds: {@code retry_after}. */
    static String refused(PaddockException refusal) {
        String location = failure(refusal.slug(), refusal.getMessage());
        return refusal instanceof RetryLaterException later
                ? location + "&retry_after=" + later.retryAfterSeconds()
                : location;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
