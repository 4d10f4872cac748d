package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class QueryTextFilterTest {

    @Test
    void namesTheParameterWhoseValueDecodesToNul() {
        assertEquals("q", QueryTextFilter.refusedParameter("offset=0&q=ali%00ce&limit=5"));
        assertEquals("return_to", QueryTextFilter.refusedParameter("return_to=%2Fraces%00"));
        assertEquals("query", QueryTextFilter.refusedParameter("a%00b=1"));
        assertEquals("query", QueryTextFilter.refusedParameter("%E0%00=1"));
    }

    @Test
    void letsEverythingElseThrough() {
        assertNull(QueryTextFilter.refusedParameter(null));
        assertNull(QueryTextFilter.refusedParameter("q=alice&limit=5"));
        assertNull(QueryTextFilter.refusedParameter("q=%2500"), "an escaped percent sign is text, not NUL");
        assertNull(QueryTextFilter.refusedParameter("q=%C3%A9t%C3%A9"));
    }
}
