package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediaTypeHeadersTest {

    @Test
    void contentTypesClientsSendPass() {
        for (String value : new String[] {"application/json", "application/json; charset=UTF-8",
                "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", "text/plain;charset=\"utf-8\"",
                "application/problem+json"}) {
            assertTrue(MediaTypeHeaders.validContentType(value), value);
        }
    }

    @Test
    void contentTypesThatAreNotMediaTypesAreRefused() {
        for (String value : new String[] {"", "application/", "garbage", "application/json;;;q=x", "application/json;",
                "application/json; charset", "/json", "application json"}) {
            assertFalse(MediaTypeHeaders.validContentType(value), value);
        }
    }

    @Test
    void acceptListsWithWellFormedWeightsPass() {
        for (String value : new String[] {null, "", "*/*", "application/json",
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
                "application/json, application/problem+json;q=0.5", "*/*;q=1.000", "text/*;Q=0"}) {
            assertTrue(MediaTypeHeaders.validAccept(value), String.valueOf(value));
        }
    }

    @Test
    void acceptListsWithBrokenRangesOrWeightsAreRefused() {
        for (String value : new String[] {"*/*;q=abc", "*/*;q=1.5", "*/*;q=0.1234", "json", "application/json;;",
                "text/html, garbage"}) {
            assertFalse(MediaTypeHeaders.validAccept(value), value);
        }
    }
}
