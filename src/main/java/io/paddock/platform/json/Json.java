package io.paddock.platform.json;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The single Jackson configuration of Paddock, used by JAX-RS ({@link JacksonConfiguration}),
 * WebSocket encoders and decoders, and anything else that reads or writes JSON.
 * An {@link ObjectMapper} is thread-safe once configured, so one instance serves everyone;
 * WebSocket encoders are created by Tyrus, not CDI, hence the static accessor.
 * Everything it reads passes {@link InputLimits} (number length and scale, nesting depth, string length,
 * storable text); a refusal is a {@link RefusedInput}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new BoundedJsonFactory())
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("paddock-input-limits")
                    .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Clients of older and newer versions talk to us: extra fields are not an error.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A JSON null for a primitive is a client error, not a silent zero.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as JSON bytes; a value of Paddock's own types that cannot be written is a bug, not input. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
