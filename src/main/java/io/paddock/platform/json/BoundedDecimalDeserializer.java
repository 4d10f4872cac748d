package io.paddock.platform.json;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;

/**
 * Jackson's {@link BigDecimal} reading with the number limits applied to a JSON string it converts too:
 * the parser checked that string only as text ({@code "1E-50000000"} is 11 characters of valid text), so
 * its length is checked before the conversion and the value's scale after.
 */
final class BoundedDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {

    private static final long serialVersionUID = 1L;

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING) && p.getTextLength() > InputLimits.MAX_NUMBER_LENGTH) {
            throw RefusedInput.numberLength(p, InputLimits.fieldOf(p.getParsingContext()));
        }
        BigDecimal value = super.deserialize(p, context);
        if (value != null && !InputLimits.scaleWithinLimit(value.scale())) {
            throw RefusedInput.scale(p, InputLimits.fieldOf(p.getParsingContext()));
        }
        return value;
    }
}
