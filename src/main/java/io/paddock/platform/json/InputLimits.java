package io.paddock.platform.json;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * What Paddock accepts as JSON, wherever JSON comes in (REST bodies, signed plugin requests, socket
 * messages): {@link Json#mapper()} reads through these limits, so no endpoint can forget them. Real input
 * stays far below each; a value past one costs memory or time for nothing (a 12-character number such as
 * {@code 1E-50000000} is a 50-million-digit decimal written out), and text PostgreSQL refuses would
 * otherwise fail deep inside a transaction. See docs/api/problems.md, "Input limits".
 */
public final class InputLimits {

    /** Characters in one number, sign, point and exponent included (a double needs at most 25). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /**
     * The largest scale, either way, of a number's decimal value: digits after the point minus the
     * exponent. Every double Java or C# prints fits ({@code 4.9E-324} has scale 325,
     * {@code 1.7976931348623157E308} has −292).
     */
    public static final int MAX_NUMBER_SCALE = 400;
    /** Objects and arrays nested in one document. */
    public static final int MAX_DEPTH = 32;
    /** Characters in one string. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    static final String NUL = "must not contain the NUL character (U+0000)";
    static final String SURROGATE = "must not contain an unpaired surrogate (not Unicode text)";

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build();

    private InputLimits() {
    }

    /**
     * Why this text is refused, or {@code null}: PostgreSQL stores no U+0000 in text, and an unpaired
     * surrogate is not Unicode (the driver would silently write it as '?').
     */
    public static String textViolation(CharSequence text) {
        for (int i = 0, end = text.length(); i < end; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return NUL;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return SURROGATE;
                }
            }
        }
        return null;
    }

    static String textViolation(char[] chars, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c == 0) {
                return NUL;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    return SURROGATE;
                }
            }
        }
        return null;
    }

    /**
     * The scale of the decimal value of a JSON number as written (digits after the point minus the
     * exponent), without building the value; an exponent too long to matter saturates.
     */
    static long scaleOf(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && chars[i] != '.' && chars[i] != 'e' && chars[i] != 'E') {
            i++;
        }
        long fraction = 0;
        if (i < end && chars[i] == '.') {
            i++;
            while (i < end && chars[i] >= '0' && chars[i] <= '9') {
                fraction++;
                i++;
            }
        }
        long exponent = 0;
        if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            boolean negative = i < end && chars[i] == '-';
            if (i < end && (chars[i] == '-' || chars[i] == '+')) {
                i++;
            }
            for (; i < end; i++) {
                if (exponent < 1_000_000_000L) {
                    exponent = exponent * 10 + (chars[i] - '0');
                }
            }
            if (negative) {
                exponent = -exponent;
            }
        }
        return fraction - exponent;
    }

    static boolean scaleWithinLimit(long scale) {
        return Math.abs(scale) <= MAX_NUMBER_SCALE;
    }

    /**
     * Where the parser is, as problem+json names a field: {@code config.max_participants},
     * {@code players[2].name}, or {@code body} for the document itself.
     */
    static String fieldOf(JsonStreamContext context) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + printable(c.getCurrentName()));
            }
        }
        String field = String.join("", parts);
        if (field.isEmpty()) {
            return "body";
        }
        field = field.startsWith(".") ? field.substring(1) : field;
        // The path goes back to the client and into logs: a refused name is shown escaped, a long one cut.
        return field.length() > 200 ? field.substring(0, 200) + "…" : field;
    }

    private static String printable(String name) {
        if (textViolation(name) == null) {
            return name;
        }
        StringBuilder escaped = new StringBuilder();
        for (char c : name.toCharArray()) {
            escaped.append(c == 0 || Character.isSurrogate(c) ? String.format("\\u%04X", (int) c) : c);
        }
        return escaped.toString();
    }
}
