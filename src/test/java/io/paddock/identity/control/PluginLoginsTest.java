package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.platform.errors.ResourceNotFoundException;

/**
 * With {@code paddock.auth.manual-tokens.enabled=false} (the default) neither half of the manual-token
 * flow does anything: both refuse with 404 {@code manual-tokens-disabled} before touching accounts or
 * the database (the bean here has neither, so any such access would fail differently).
 */
class PluginLoginsTest {

    @Test
    void manualTokensDisabledRefusesGenerateAndExchange() {
        PluginLogins logins = new PluginLogins();
        logins.manualTokens = false;

        ResourceNotFoundException generate = assertThrows(ResourceNotFoundException.class,
                () -> logins.generateToken(UUID.randomUUID()));
        ResourceNotFoundException exchange = assertThrows(ResourceNotFoundException.class,
                () -> logins.exchangeToken("any-token"));

        for (ResourceNotFoundException refusal : new ResourceNotFoundException[] {generate, exchange}) {
            assertEquals(404, refusal.status());
            assertEquals("manual-tokens-disabled", refusal.slug());
        }
    }
}
