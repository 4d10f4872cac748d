package io.paddock.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(String name, int laps, Instant at) {
    }

    record Telemetry(BigDecimal speed, Double rpm, Integer gear) {
    }

    record Nested(String name, Sample sample, List<String> tags, Map<String, String> labels) {
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

    /** The refusal among the causes (databind may wrap it with the path of the enclosing bean). */
    private static RefusedInput refusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof RefusedInput refused) {
                return refused;
            }
        }
        throw new AssertionError("not a RefusedInput: " + thrown, thrown);
    }

    private static RefusedInput refused(String json, Class<?> type) {
        return refusal(assertThrows(Exception.class, () -> Json.mapper().readValue(json, type)));
    }

    private static RefusedInput refusedTree(String json) {
        return refusal(assertThrows(Exception.class, () -> Json.mapper().readTree(json)));
    }

    @Test
    void refusesNumbersWhoseScaleIsOutOfRangeHoweverTheyAreRead() {
        // 11 characters, but 50 million digits written out: no length limit catches it, the scale rule does.
        RefusedInput bound = refused("{\"speed\":1E-50000000,\"rpm\":6000}", Telemetry.class);
        assertEquals(RefusedInput.Kind.LIMIT, bound.kind());
        assertEquals("speed", bound.field());
        assertEquals("speed", refused("{\"speed\":\"1E-50000000\"}", Telemetry.class).field(),
                "a numeric string is bounded as well");
        assertEquals("rpm", refused("{\"rpm\":1e+50000000}", Telemetry.class).field(), "doubles too");
        assertEquals("gear", refused("{\"gear\":2.5e-999999999999999999999}", Telemetry.class).field());
        assertEquals(RefusedInput.Kind.LIMIT, refusedTree("[1, {\"x\": 0.0E-401}]").kind());
        assertEquals("[1].x", refusedTree("[1, {\"x\": 0.0E-401}]").field());
        assertEquals(RefusedInput.Kind.LIMIT,
                refusal(assertThrows(Exception.class, () -> Json.mapper().readValue(
                        "{\"speed\":1E-50000000}".getBytes(StandardCharsets.UTF_8), Telemetry.class))).kind());
        assertEquals(RefusedInput.Kind.LIMIT, refusal(assertThrows(Exception.class, () -> Json.mapper().readTree(
                new ByteArrayInputStream("{\"s\":1E-50000000}".getBytes(StandardCharsets.UTF_8))))).kind());
    }

    @Test
    void acceptsEveryDoubleAndTheLimitsThemselves() throws Exception {
        assertEquals(new BigDecimal("1E-400"), Json.mapper().readValue("{\"speed\":1E-400}", Telemetry.class).speed());
        assertEquals(new BigDecimal("1E+400"), Json.mapper().readValue("{\"speed\":1E400}", Telemetry.class).speed());
        assertEquals(Double.MIN_VALUE, Json.mapper().readValue("{\"rpm\":4.9E-324}", Telemetry.class).rpm());
        assertEquals(Double.MAX_VALUE, Json.mapper().readValue("{\"rpm\":1.7976931348623157E308}", Telemetry.class)
                .rpm());
        assertEquals(new BigDecimal("150.25"), Json.mapper().readValue("{\"speed\":\"150.25\"}", Telemetry.class)
                .speed());
        String hundredDigits = "9".repeat(InputLimits.MAX_NUMBER_LENGTH);
        assertEquals(hundredDigits, Json.mapper().readTree("{\"id\":" + hundredDigits + "}").path("id").asText());
    }

    @Test
    void refusesLongNumbersNamingTheField() {
        RefusedInput flag = refusedTree("{\"type\":\"event_flag\",\"flag_id\":" + "1".repeat(900) + "}");
        assertEquals(RefusedInput.Kind.LIMIT, flag.kind());
        assertEquals("flag_id", flag.field());
        assertTrue(flag.reason().contains("100 characters"), flag.reason());
        assertEquals("speed", refused("{\"speed\":\"" + "1".repeat(101) + "\"}", Telemetry.class).field());
    }

    @Test
    void refusesDeepNestingEvenWhereNothingReadsIt() throws Exception {
        String allowed = "[".repeat(InputLimits.MAX_DEPTH) + "]".repeat(InputLimits.MAX_DEPTH);
        assertNotNull(Json.mapper().readTree(allowed));
        String deep = "[".repeat(InputLimits.MAX_DEPTH + 1) + "]".repeat(InputLimits.MAX_DEPTH + 1);
        assertEquals(RefusedInput.Kind.LIMIT, refusedTree(deep).kind());
        // An unknown field is skipped, not read, and still counts.
        RefusedInput skipped = refused("{\"name\":\"Spa\",\"extra\":" + deep + "}", Sample.class);
        assertEquals(RefusedInput.Kind.LIMIT, skipped.kind());
        assertTrue(skipped.detail().contains("deeper than " + InputLimits.MAX_DEPTH), skipped.detail());
    }

    @Test
    void refusesTextPostgresqlCannotStoreInValuesNamesAndIgnoredFields() {
        RefusedInput nul = refused("{\"name\":\"Spa\\u0000\"}", Sample.class);
        assertEquals(RefusedInput.Kind.TEXT, nul.kind());
        assertEquals("name", nul.field());
        assertTrue(nul.reason().contains("NUL"), nul.reason());
        assertEquals("sample.name", refused("{\"sample\":{\"name\":\"a\\u0000\"}}", Nested.class).field());
        assertEquals("tags[1]", refused("{\"tags\":[\"ok\",\"b\\u0000\"]}", Nested.class).field());
        assertEquals(RefusedInput.Kind.TEXT, refused("{\"labels\":{\"k\\u0000\":\"v\"}}", Nested.class).kind());
        assertEquals("unknown", refused("{\"unknown\":\"\\u0000\"}", Sample.class).field(),
                "a field nobody reads is refused too");
        assertEquals(RefusedInput.Kind.TEXT, refusedTree("{\"type\":\"auth\",\"token\":\"\\u0000\"}").kind());
        RefusedInput surrogate = refused("{\"name\":\"\\ud800x\"}", Sample.class);
        assertTrue(surrogate.reason().contains("surrogate"), surrogate.reason());
        assertEquals(RefusedInput.Kind.TEXT, refused("{\"name\":\"x\\udc00\"}", Sample.class).kind());
    }

    @Test
    void acceptsOtherControlCharactersAndPairedSurrogates() throws Exception {
        assertEquals("Spa\t\u0001 \uD83C\uDFC1",
                Json.mapper().readValue("{\"name\":\"Spa\\t\\u0001 \\ud83c\\udfc1\"}", Nested.class).name());
        JsonNode raw = Json.mapper().readTree("{\"name\":\"\uD83C\uDFC1\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("\uD83C\uDFC1", raw.path("name").asText());
    }
}
