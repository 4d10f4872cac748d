package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void policyAllowsOnlyThisOriginAndNoInlineCode() {
        Map<String, String> headers = SecurityHeaders.headers(false);
        String policy = headers.get("Content-Security-Policy");
        assertTrue(policy.contains("default-src 'self'"), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("style-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("object-src 'none'"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertFalse(policy.contains(SecurityHeaders.TURNSTILE_ORIGIN), policy);
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("strict-origin-when-cross-origin", headers.get("Referrer-Policy"));
    }

    @Test
    void turnstileAddsCloudflaresScriptAndFrameOnly() {
        String policy = SecurityHeaders.headers(true).get("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self' " + SecurityHeaders.TURNSTILE_ORIGIN + ";"), policy);
        assertTrue(policy.contains("frame-src " + SecurityHeaders.TURNSTILE_ORIGIN + ";"), policy);
        assertTrue(policy.contains("style-src 'self';"), policy);
        assertTrue(policy.contains("connect-src 'self';"), policy);
    }
}
