package io.paddock.platform.errors;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable, documented URI reference
 * ({@code /problems/<slug>}, see docs/api/problems.md); clients branch on it, never on {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: which field (a JSON path such as {@code config.max_participants}) and why. */
    public record FieldError(String field, String message) {
    }

    public static String typeOf(String slug) {
        return "/problems/" + slug;
    }
}
