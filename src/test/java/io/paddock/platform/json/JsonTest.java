package io.paddock.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(String name, int laps, Instant at) {
    }

    @Test
    void writesInstantsAsIsoStringsAndSkipsNulls() throws Exception {
        String json = Json.mapper().writeValueAsString(new Sample(null, 3, Instant.parse("2026-11-22T10:15:30Z")));
        assertEquals("{\"laps\":3,\"at\":\"2026-11-22T10:15:30Z\"}", json);
    }

    @Test
    void readsRecordsAndIgnoresFieldsFromNewerClients() throws Exception {
        Sample sample = Json.mapper().readValue(
                "{\"name\":\"Spa\",\"laps\":44,\"at\":\"2026-11-22T10:15:30Z\",\"addedLater\":true}", Sample.class);
        assertEquals(new Sample("Spa", 44, Instant.parse("2026-11-22T10:15:30Z")), sample);
    }

    @Test
    void refusesNullForAPrimitive() {
        assertThrows(MismatchedInputException.class,
                () -> Json.mapper().readValue("{\"name\":\"Spa\",\"laps\":null}", Sample.class));
    }
}
