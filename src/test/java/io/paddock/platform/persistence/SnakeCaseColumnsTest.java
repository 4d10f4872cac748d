package io.paddock.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnakeCaseColumnsTest {

    @Test
    void convertsCamelCaseAttributeNames() {
        assertEquals("created_at", SnakeCaseColumns.snakeCase("createdAt"));
        assertEquals("provider_user_id", SnakeCaseColumns.snakeCase("providerUserId"));
        assertEquals("version", SnakeCaseColumns.snakeCase("version"));
        assertEquals("igt_ms", SnakeCaseColumns.snakeCase("igtMs"));
    }
}
