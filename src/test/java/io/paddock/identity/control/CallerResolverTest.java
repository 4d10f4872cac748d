package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.identity.entity.AuthMethod;
import io.paddock.identity.entity.Role;
import io.paddock.platform.security.Digests;

/** Which store a presented credential goes to; the stores themselves are tested against the database. */
class CallerResolverTest {

    private final List<String> asked = new ArrayList<>();
    private final Caller tokenCaller = new Caller(UUID.randomUUID(), "Token", Role.USER, AuthMethod.WEB,
            Caller.Credential.ACCESS_TOKEN, null);
    private final Caller keyCaller = new Caller(UUID.randomUUID(), "Key", Role.ADMIN, AuthMethod.API_KEY,
            Caller.Credential.API_KEY, null);

    private CallerResolver resolver() {
        CallerResolver resolver = new CallerResolver();
        resolver.accessTokens = new AccessTokens() {
            @Override
            public Optional<Caller> verify(String token) {
                asked.add("access-token " + token);
                return token.equals("good.jwt") ? Optional.of(tokenCaller) : Optional.empty();
            }
        };
        resolver.suspensions = new Suspensions(); // nobody suspended
        resolver.apiKeys = new ApiKeys() {
            @Override
            public Optional<Caller> authenticate(String credential) {
                asked.add("api-key " + credential);
                return Optional.of(keyCaller);
            }
        };
        return resolver;
    }

    @Test
    void anApiKeyGoesToTheKeysAndAnythingElseToTheTokenVerifier() {
        CallerResolver resolver = resolver();
        assertEquals(Optional.of(keyCaller), resolver.bearer("pdk_abcdefgh_secret"));
        assertEquals(Optional.of(tokenCaller), resolver.bearer("good.jwt"));
        assertEquals(Optional.empty(), resolver.bearer("bad.jwt"));
        assertEquals(List.of("api-key pdk_abcdefgh_secret", "access-token good.jwt", "access-token bad.jwt"), asked);
    }

    @Test
    void noCredentialIsNoCallerWithoutAskingAnyStore() {
        CallerResolver resolver = resolver();
        assertEquals(Optional.empty(), resolver.bearer(null));
        assertEquals(Optional.empty(), resolver.bearer(" "));
        assertEquals(Optional.empty(), resolver.session(""));
        assertTrue(asked.isEmpty(), asked.toString());
    }

    @Test
    void aSessionAcceptsOnlyItsOwnCsrfToken() {
        CallerResolver.SessionCaller session = new CallerResolver.SessionCaller(tokenCaller, Digests.tokenHash("csrf-1"));
        assertTrue(session.csrfMatches("csrf-1"));
        assertFalse(session.csrfMatches("csrf-2"));
        assertFalse(session.csrfMatches(null));
    }
}
