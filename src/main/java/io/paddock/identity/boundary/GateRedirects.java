package io.paddock.identity.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.paddock.identity.control.OAuthSignIns;

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

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
