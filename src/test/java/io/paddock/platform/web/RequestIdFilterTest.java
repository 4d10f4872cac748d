package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    @Test
    void keepsASaneCallerId() {
        assertEquals("trace-42.a:b", RequestIdFilter.acceptOrGenerate("trace-42.a:b"));
    }

    @Test
    void replacesIdsThatCouldForgeLogLines() {
        String generated = RequestIdFilter.acceptOrGenerate("abc\nINFO forged line");
        assertNotEquals("abc\nINFO forged line", generated);
        assertEquals(generated, UUID.fromString(generated).toString());
    }

    @Test
    void replacesMissingEmptyAndOverlongIds() {
        for (String offered : new String[] {null, "", "x".repeat(129)}) {
            String generated = RequestIdFilter.acceptOrGenerate(offered);
            assertTrue(generated.length() == 36, () -> "expected a UUID for " + offered + " but got " + generated);
        }
    }
}
