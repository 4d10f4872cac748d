package io.paddock.testing.fuzz;

import java.util.List;

/** The kinds of bad input the fuzz test generates; every failure is reported with the kind that caused it. */
public enum Kind {
    /** A field (or the whole document) of another JSON type than documented. */
    WRONG_TYPE,
    /** A field left out, or every field. */
    MISSING_FIELD,
    /** An undocumented field, a duplicate key. */
    EXTRA_FIELD,
    /** 1E400, 900-digit integers, beyond long and double. */
    HUGE_NUMBER,
    /** 1E-50000000, 1E-400, subnormal doubles, negative zero and negative counts. */
    TINY_NUMBER,
    /** Strings of hundreds to hundreds of thousands of characters. */
    LONG_STRING,
    /** NUL and other control characters, lone surrogates. */
    NUL_STRING,
    /** Text that is not JSON: truncated, trailing garbage, NaN, deep nesting, invalid UTF-8. */
    MALFORMED_JSON,
    /** A body sent with a missing, foreign or broken Content-Type. */
    BAD_MEDIA_TYPE,
    /** A path parameter that is not what the path expects. */
    BAD_PATH_PARAM,
    /** Query parameters of the wrong type or size, unknown or repeated. */
    BAD_QUERY_PARAM,
    /** A method the path does not document. */
    WRONG_METHOD,
    /** A malformed, foreign or forged credential. */
    BAD_CREDENTIAL,
    /** A request target that is not a well-formed URL (sent on a raw socket). */
    MALFORMED_URL,
    /** Oversized, control-character or contradictory headers (sent on a raw socket). */
    BAD_HEADER,
    /** A binary WebSocket frame where text is expected. */
    BINARY_FRAME,
    /** A WebSocket frame far above the documented message size. */
    HUGE_FRAME;

    /** Kinds that change a JSON document: a request body or a socket message. */
    public static final List<Kind> DOCUMENT = List.of(WRONG_TYPE, MISSING_FIELD, EXTRA_FIELD, HUGE_NUMBER, TINY_NUMBER,
            LONG_STRING, NUL_STRING, MALFORMED_JSON);
}
