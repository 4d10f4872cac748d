package io.paddock.platform.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What no honest client puts in a URL, found before anything decodes it: a {@code %} without two hex
 * digits, percent-encoded bytes that are not UTF-8, a control character (NUL, CR, LF…) raw or encoded, a raw
 * character outside US-ASCII, and in the path also a slash or backslash hidden as {@code %2F}/{@code %5C},
 * a raw backslash, or a {@code .}/{@code ..} segment (raw or encoded; browsers resolve them before sending).
 * Payara's decoder refuses some of these in the path before this check runs (broken percent-encoding,
 * NUL, backslashes, bytes that are not UTF-8: docs/operations.md lists its answers); the rest reach us.
 */
public final class MalformedUrls {

    private MalformedUrls() {
    }

    /** What is wrong with a raw (undecoded) request path, or {@code null} when nothing is. */
    public static String flawInPath(String raw) {
        return flaw(raw, true);
    }

    /**
     * What is wrong with a raw query string, or {@code null}: its percent-encoding must be well formed
     * UTF-8. Encoded slashes, dots and control characters are data there: the endpoint that reads a value
     * judges it (a NUL under {@code /api} is a validation problem naming the parameter: {@link QueryTextFilter};
     * a return target with a tab is dropped by {@link SameSitePath}).
     */
    public static String flawInQuery(String raw) {
        return flaw(raw, false);
    }

    /**
     * One scan for both: well-formed percent-encoding of UTF-8, no raw control character or non-ASCII
     * character; a path also refuses encoded slashes, backslashes and control characters, raw backslashes,
     * and {@code .}/{@code ..} segments.
     */
    private static String flaw(String raw, boolean path) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = hexPair(raw, i);
                if (value < 0) {
                    return "a '%' that is not followed by two hex digits";
                }
                if (path && (value == '/' || value == '\\')) {
                    return "an encoded slash or backslash";
                }
                if (path && isControl(value)) {
                    return "an encoded control character";
                }
                bytes.write(value);
                i += 2;
            } else if (isControl(c)) {
                return "a control character";
            } else if (path && c == '\\') {
                return "a backslash";
            } else if (c > 0x7E) {
                return "a character outside US-ASCII that is not percent-encoded";
            } else {
                bytes.write(c);
            }
        }
        String decoded = utf8(bytes.toByteArray());
        if (decoded == null) {
            return "percent-encoded bytes that are not UTF-8";
        }
        if (path) {
            for (String segment : decoded.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) {
                    return "a '.' or '..' segment";
                }
            }
        }
        return null;
    }

    /** The byte of {@code %XY} at {@code at}, or -1 when the two hex digits are missing. */
    private static int hexPair(String raw, int at) {
        if (at + 2 >= raw.length()) {
            return -1;
        }
        int high = Character.digit(raw.charAt(at + 1), 16);
        int low = Character.digit(raw.charAt(at + 2), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7F;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** How much of a refused URL the log line quotes. */
    private static final int QUOTED = 200;

    /** A URL as the log may quote it: control characters escaped, cut at a sane length. */
    public static String printable(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), QUOTED) + 16);
        for (int i = 0; i < text.length() && i < QUOTED; i++) {
            char c = text.charAt(i);
            if (isControl(c) || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > QUOTED) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
