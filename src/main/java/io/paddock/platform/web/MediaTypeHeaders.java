package io.paddock.platform.web;

import java.util.regex.Pattern;

/**
 * The syntax of {@code Content-Type} and {@code Accept} (RFC 9110, 8.3.1 and 12.5.1), checked before the
 * container or JAX-RS parse them: their parsers answer a malformed value with an HTML page or a 500, so a
 * value that is not a media type is refused here with a problem instead.
 */
final class MediaTypeHeaders {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[^\"\\\\\\p{Cntrl}]|\\\\[^\\p{Cntrl}])*\"";
    private static final String PARAMETER = "[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + ")";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN + "(?:" + PARAMETER + ")*[ \\t]*");
    /** A weight: {@code q=} with 0 to 1 and at most three decimals, as the specification allows. */
    private static final Pattern WEIGHT = Pattern.compile("(?i)[ \\t]*;[ \\t]*q=(?:0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?)(?=[ \\t]*(?:;|$))");
    private static final Pattern Q_PARAMETER = Pattern.compile("(?i)[ \\t]*;[ \\t]*q=");

    private MediaTypeHeaders() {
    }

    /** Whether a {@code Content-Type} value is one media type with parameters. */
    static boolean validContentType(String value) {
        return value != null && MEDIA_TYPE.matcher(value.strip()).matches();
    }

    /** Whether an {@code Accept} value is a list of media ranges, each with a well-formed weight if any. */
    static boolean validAccept(String value) {
        if (value == null || value.isBlank()) {
            return true; // an empty Accept asks for nothing in particular
        }
        for (String range : value.split(",", -1)) {
            String item = range.strip();
            if (item.isEmpty()) {
                continue; // the list syntax allows empty elements
            }
            if (!MEDIA_TYPE.matcher(item).matches()) {
                return false;
            }
            var q = Q_PARAMETER.matcher(item);
            while (q.find()) {
                int start = q.start();
                var weight = WEIGHT.matcher(item);
                if (!weight.find(start) || weight.start() != start) {
                    return false;
                }
            }
        }
        return true;
    }
}
