package io.paddock.platform.errors;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.paddock.platform.json.RefusedInput;

/**
 * A body that is not JSON, or JSON of the wrong shape: 400 problem+json naming the field, never the
 * parser's message (it quotes our class names). Jersey's Jackson feature brings plain-text mappers for
 * exactly {@link JsonParseException} and {@link JsonMappingException}; Jersey picks the closest
 * exception type first and then the lowest {@code @Priority}, so these mappers bind the same exact
 * types with priority 1. What {@link io.paddock.platform.json.InputLimits} refuses is a 400 too:
 * {@code input-limit} for a size limit, {@code validation} for text PostgreSQL cannot store.
 */
public abstract class JsonInputMapper<E extends JsonProcessingException> implements ExceptionMapper<E> {

    /** The problem slug of input past a size limit of {@link io.paddock.platform.json.InputLimits}. */
    public static final String INPUT_LIMIT = "input-limit";

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(E e) {
        InvalidRequestException refusal = refusalOf(e);
        return ProblemResponses.of(request, refusal.status(), refusal.slug(), refusal.title(), refusal.getMessage(),
                refusal.errors());
    }

    /**
     * The 400 refusal for what Jackson could not read (also used outside JAX-RS): {@code input-limit} or
     * {@code validation} for input past {@link io.paddock.platform.json.InputLimits}, else
     * {@code malformed-json}.
     */
    public static InvalidRequestException refusalOf(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RefusedInput refused) {
                return refusalOf(refused);
            }
            if (cause instanceof StreamConstraintsException limit) {
                // Raised by databind itself (a numeric string too long to convert): the path is the wrapper's.
                String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                        ? pathOf(mapping) : "body";
                return refusalOf(RefusedInput.limit(null, field, limit));
            }
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            return new InvalidRequestException("malformed-json", "Malformed JSON",
                    "The body is JSON but a field has the wrong type or shape.",
                    List.of(new Problem.FieldError(field, "has the wrong type or format")));
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return new InvalidRequestException("malformed-json", "Malformed JSON",
                "The request body is not valid JSON" + where + ".");
    }

    private static InvalidRequestException refusalOf(RefusedInput refused) {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(refused.field(), refused.reason()));
        if (refused.kind() == RefusedInput.Kind.TEXT) {
            return new InvalidRequestException("validation", "Invalid input",
                    "Some fields are missing or invalid; see errors.", errors);
        }
        return new InvalidRequestException(INPUT_LIMIT, "Input limit exceeded", refused.detail(), errors);
    }

    private static String pathOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Syntax errors, including a body cut short. */
    @Provider
    @Priority(1)
    public static class Syntax extends JsonInputMapper<JsonParseException> {
    }

    /** Valid JSON of the wrong shape: a string where a number belongs, an object for a list. */
    @Provider
    @Priority(1)
    public static class Shape extends JsonInputMapper<JsonMappingException> {
    }

    /** Anything else the reader refuses, such as a document past Jackson's size limits. */
    @Provider
    @Priority(1)
    public static class Other extends JsonInputMapper<JsonProcessingException> {
    }
}
