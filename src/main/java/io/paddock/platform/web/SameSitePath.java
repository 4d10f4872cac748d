package io.paddock.platform.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for a "where to continue" target (the sign-ins' {@code return_to}, the Gate page's
 * {@code next}): a path of this site and nothing a browser could read as another origin. It starts
 * with a single {@code /}, is at most 300 characters of printable ASCII, and holds no backslash (browsers
 * read {@code /\host} as {@code //host}) and no whitespace or control character (browsers drop tabs and
 * line breaks from URLs, so {@code /<TAB>/host} becomes {@code //host}). A scheme cannot occur: the
 * first character is {@code /}. The value is checked as received, after the query's own decoding;
 * percent-escapes left in it stay literal in a path.
 *
 * <p>{@code js/ui.js sameSitePath} applies the same regular expression, character for character.
 */
public final class SameSitePath {

    /** Shared with js/ui.js: keep both identical. */
    public static final String RULE = "^/(?!/)[\\x21-\\x5b\\x5d-\\x7e]{0,299}$";

    private static final Pattern PATTERN = Pattern.compile(RULE);

    private SameSitePath() {
    }

    /** The candidate when it is a same-site path, else empty. */
    public static Optional<String> of(String candidate) {
        return candidate != null && PATTERN.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }
}
