package io.paddock.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The container's refusals get the same problem types as JAX-RS's, plus the statuses only it answers. */
class ErrorPageServletTest {

    @Test
    void statusesMapToStableTypes() {
        assertEquals("not-found", ErrorPageServlet.kindOf(404).slug());
        assertEquals("method-not-allowed", ErrorPageServlet.kindOf(405).slug());
        assertEquals("bad-request", ErrorPageServlet.kindOf(400).slug());
        assertEquals("header-too-large", ErrorPageServlet.kindOf(431).slug());
        assertEquals("not-implemented", ErrorPageServlet.kindOf(501).slug());
        assertEquals("service-unavailable", ErrorPageServlet.kindOf(503).slug());
        assertEquals("http-418", ErrorPageServlet.kindOf(418).slug(), "a status without a type of its own");
    }
}
