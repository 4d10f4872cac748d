package io.paddock.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.junit.jupiter.api.Test;

import io.paddock.platform.json.Json;

class JsonInputMapperTest {

    record Race(String name, BigDecimal speed) {
    }

    private static InvalidRequestException refusalOf(String json) {
        return JsonInputMapper.refusalOf(assertThrows(JsonProcessingException.class,
                () -> Json.mapper().readValue(json, Race.class)));
    }

    @Test
    void inputPastALimitIsAnInputLimitProblemNamingTheField() {
        InvalidRequestException refusal = refusalOf("{\"speed\":1E-50000000}");
        assertEquals(400, refusal.status());
        assertEquals("input-limit", refusal.slug());
        assertEquals("speed", refusal.errors().get(0).field());
        assertEquals("input-limit", refusalOf("{\"speed\":" + "1".repeat(101) + "}").slug());
        assertEquals("input-limit", refusalOf("{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}").slug());
    }

    @Test
    void unstorableTextIsAValidationProblemNamingTheField() {
        InvalidRequestException refusal = refusalOf("{\"name\":\"Race\\u0000\"}");
        assertEquals("validation", refusal.slug());
        assertEquals("name", refusal.errors().get(0).field());
        assertEquals("must not contain the NUL character (U+0000)", refusal.errors().get(0).message());
    }

    @Test
    void otherwiseMalformedJsonAsBefore() {
        assertEquals("malformed-json", refusalOf("{\"name\":").slug());
        InvalidRequestException shape = refusalOf("{\"speed\":\"fast\"}");
        assertEquals("malformed-json", shape.slug());
        assertEquals("speed", shape.errors().get(0).field());
    }
}
