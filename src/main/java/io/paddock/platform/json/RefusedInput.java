package io.paddock.platform.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.RequestPayload;

/**
 * JSON that {@link InputLimits} refuses: which field, why, and whether it broke a size limit
 * ({@link Kind#LIMIT}) or is text PostgreSQL cannot store ({@link Kind#TEXT}). The error mappers turn it
 * into a 400 problem; sockets into an {@code error} message. Databind may wrap it (with the path of the
 * enclosing bean); readers look for it among the causes.
 */
public final class RefusedInput extends JsonParseException {

    private static final long serialVersionUID = 1L;

    /** A size limit (number length or scale, nesting, string length), or unstorable text. */
    public enum Kind {
        LIMIT, TEXT
    }

    private static final String NUMBER_LENGTH_REASON = "must have at most " + InputLimits.MAX_NUMBER_LENGTH
            + " characters";
    private static final String NUMBER_LENGTH_DETAIL = "A number is longer than " + InputLimits.MAX_NUMBER_LENGTH
            + " characters.";

    private final Kind kind;
    private final String field;
    private final String reason;
    private final String detail;

    private RefusedInput(JsonParser parser, Kind kind, String field, String reason, String detail, Throwable cause) {
        super(parser, detail, cause);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
        this.detail = detail;
    }

    static RefusedInput text(JsonParser parser, String field, String reason) {
        return new RefusedInput(parser, Kind.TEXT, field, reason, "A text field " + reason + ".", null);
    }

    static RefusedInput scale(JsonParser parser, String field) {
        return new RefusedInput(parser, Kind.LIMIT, field,
                "must have at most " + InputLimits.MAX_NUMBER_SCALE + " decimal places and an exponent of at most "
                        + InputLimits.MAX_NUMBER_SCALE + " (its scale is out of range)",
                "A number has more than " + InputLimits.MAX_NUMBER_SCALE
                        + " decimal places or too large an exponent.", null);
    }

    static RefusedInput numberLength(JsonParser parser, String field) {
        return new RefusedInput(parser, Kind.LIMIT, field, NUMBER_LENGTH_REASON, NUMBER_LENGTH_DETAIL, null);
    }

    /** Jackson's own limit (set from {@link InputLimits}), told in our words. */
    public static RefusedInput limit(JsonParser parser, String field, StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        String reason;
        String detail;
        if (message.contains("getMaxNumberLength")) {
            reason = NUMBER_LENGTH_REASON;
            detail = NUMBER_LENGTH_DETAIL;
        } else if (message.contains("getMaxNestingDepth")) {
            reason = "nests objects and arrays deeper than " + InputLimits.MAX_DEPTH + " levels";
            detail = "The document nests objects and arrays deeper than " + InputLimits.MAX_DEPTH + " levels.";
        } else if (message.contains("getMaxStringLength")) {
            reason = "must have at most " + InputLimits.MAX_STRING_LENGTH + " characters";
            detail = "A text is longer than " + InputLimits.MAX_STRING_LENGTH + " characters.";
        } else {
            reason = "exceeds an input limit";
            detail = "The document exceeds an input limit (number length, nesting depth or text length).";
        }
        return new RefusedInput(parser, Kind.LIMIT, field, reason, detail, e);
    }

    public Kind kind() {
        return kind;
    }

    /** The refused value's path, as problem+json names fields ({@code config.name}, {@code body}). */
    public String field() {
        return field;
    }

    /** Why, for the field: "must have at most 100 characters". */
    public String reason() {
        return reason;
    }

    /** One sentence for the whole refusal, without the parser's location or source. */
    public String detail() {
        return detail;
    }

    // Kept as this type: readers find the refusal by its class.
    @Override
    public JsonParseException withParser(JsonParser p) {
        return this;
    }

    @Override
    public JsonParseException withRequestPayload(RequestPayload payload) {
        return this;
    }
}
