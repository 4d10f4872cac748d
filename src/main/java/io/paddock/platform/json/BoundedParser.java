package io.paddock.platform.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

/**
 * Checks every token as it is read, before anything binds it: names and strings are storable text,
 * numbers have a bounded scale, and Jackson's own limits (number length, depth, string length; see
 * {@link InputLimits#CONSTRAINTS}) become {@link RefusedInput} naming the field. Every other way of
 * reading ({@code nextFieldName}, {@code nextTextValue}, …) goes through {@link #nextToken()} in
 * {@link JsonParser}'s base implementations, which the delegate does not override.
 */
final class BoundedParser extends JsonParserDelegate {

    BoundedParser(JsonParser delegate) {
        super(delegate);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        try {
            return checked(delegate.nextToken());
        } catch (StreamConstraintsException e) {
            throw RefusedInput.limit(this, InputLimits.fieldOf(delegate.getParsingContext()), e);
        }
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        // Skipped content (an unknown field's object) is never read, but still counts towards depth.
        try {
            delegate.skipChildren();
        } catch (StreamConstraintsException e) {
            throw RefusedInput.limit(this, InputLimits.fieldOf(delegate.getParsingContext()), e);
        }
        return this;
    }

    @Override
    public void finishToken() throws IOException {
        try {
            delegate.finishToken();
        } catch (StreamConstraintsException e) {
            throw RefusedInput.limit(this, InputLimits.fieldOf(delegate.getParsingContext()), e);
        }
    }

    private JsonToken checked(JsonToken token) throws IOException {
        if (token == JsonToken.FIELD_NAME) {
            String violation = InputLimits.textViolation(delegate.currentName());
            if (violation != null) {
                throw RefusedInput.text(this, InputLimits.fieldOf(delegate.getParsingContext()), violation);
            }
        } else if (token == JsonToken.VALUE_STRING) {
            String violation = InputLimits.textViolation(delegate.getTextCharacters(), delegate.getTextOffset(),
                    delegate.getTextLength());
            if (violation != null) {
                throw RefusedInput.text(this, InputLimits.fieldOf(delegate.getParsingContext()), violation);
            }
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            // Integers have no exponent in JSON's grammar; their length is Jackson's limit.
            long scale = InputLimits.scaleOf(delegate.getTextCharacters(), delegate.getTextOffset(),
                    delegate.getTextLength());
            if (!InputLimits.scaleWithinLimit(scale)) {
                throw RefusedInput.scale(this, InputLimits.fieldOf(delegate.getParsingContext()));
            }
        }
        return token;
    }
}
