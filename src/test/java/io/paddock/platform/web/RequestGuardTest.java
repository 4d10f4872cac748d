package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

/** Paddock's own header limits, below the listener's, so that refusals can still be formatted. */
class RequestGuardTest {

    @Test
    void browserSizedHeadersPass() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Cookie", List.of("paddock_session=" + "s".repeat(43) + "; paddock_csrf=" + "c".repeat(43)));
        headers.put("Authorization", List.of("Bearer " + "t".repeat(1500)));
        headers.put("User-Agent", List.of("Mozilla/5.0 ".repeat(20)));
        for (int i = 0; i < 40; i++) {
            headers.put("X-Extra-" + i, List.of("value " + i));
        }
        assertNull(RequestGuard.headerExcess(request(headers)));
    }

    @Test
    void tooManyBytesOrFieldsAreRefused() {
        String excess = RequestGuard.headerExcess(request(Map.of("Authorization",
                List.of("Bearer " + "t".repeat(RequestGuard.MAX_HEADER_BYTES)))));
        assertTrue(excess != null && excess.contains("bytes"), excess);
        Map<String, List<String>> many = new LinkedHashMap<>();
        for (int i = 0; i <= RequestGuard.MAX_HEADERS; i++) {
            many.put("X-Many-" + i, List.of("1"));
        }
        excess = RequestGuard.headerExcess(request(many));
        assertTrue(excess != null && excess.contains("fields"), excess);
        // Repeated fields count one by one.
        excess = RequestGuard.headerExcess(request(Map.of("X-Same", Collections.nCopies(RequestGuard.MAX_HEADERS + 1,
                "1"))));
        assertTrue(excess != null && excess.contains("fields"), excess);
    }

    @Test
    void onlyApiPathsAreApi() {
        assertTrue(RequestGuard.isApi("/api"));
        assertTrue(RequestGuard.isApi("/api/races"));
        assertFalse(RequestGuard.isApi("/apix"));
        assertFalse(RequestGuard.isApi("/index.html"));
        assertFalse(RequestGuard.isApi(null));
    }

    /** A request that answers only what the guard reads: its header names and values. */
    private static HttpServletRequest request(Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault(args[0], List.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
