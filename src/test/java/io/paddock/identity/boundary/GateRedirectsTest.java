package io.paddock.identity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.paddock.identity.control.OAuthSignIns.Outcome;
import io.paddock.identity.entity.Provider;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.RateLimitedException;

/** The Gate page is told codes, never text, and only same-site return targets. */
class GateRedirectsTest {

    @Test
    void aSignInReturnsStraightToThePageThatAskedWhenItIsOfThisSite() {
        assertEquals("/qr.html?id=abc",
                GateRedirects.of(new Outcome(Optional.empty(), false, Provider.DISCORD, null, "/qr.html?id=abc")));
        assertEquals("/invite/abc",
                GateRedirects.of(new Outcome(Optional.empty(), false, Provider.TWITCH, null, "/invite/abc")));
        for (String hostile : new String[] {"//evil.example", "/\\evil.example", "https://evil.example/", "/\t/evil"}) {
            assertEquals("/gate.html?success=1&provider=discord",
                    GateRedirects.of(new Outcome(Optional.empty(), false, Provider.DISCORD, null, hostile)), hostile);
        }
    }

    @Test
    void aLinkEndsAtTheGateWhichOffersToContinue() {
        assertEquals("/gate.html?success=1&linked=1&provider=discord&next=%2Faccount",
                GateRedirects.of(new Outcome(Optional.empty(), true, Provider.DISCORD, null, "/account")));
        assertEquals("/gate.html?success=1&linked=1&provider=twitch",
                GateRedirects.of(new Outcome(Optional.empty(), true, Provider.TWITCH, null, "/\\evil.example")));
    }

    @Test
    void failuresCarryTheirSlugAndNoText() {
        assertEquals("/gate.html?error=state-expired&provider=twitch",
                GateRedirects.of(new Outcome(Optional.empty(), false, Provider.TWITCH, "state-expired", null)));
        assertEquals("/gate.html?error=access-denied&provider=twitch&next=%2Frace%2F7",
                GateRedirects.of(new Outcome(Optional.empty(), false, Provider.TWITCH, "access-denied", "/race/7")));
        assertEquals("/gate.html?error=identity-linked-elsewhere", GateRedirects.failure(
                new ConflictException("identity-linked-elsewhere", "Identity already linked", "Some detail."), null));
        assertEquals("/gate.html?error=rate-limited&retry_after=42&next=%2Finvite.html%3Ftoken%3Dt",
                GateRedirects.failure(new RateLimitedException("rate-limited", "Wait.", 42), "/invite.html?token=t"));
        assertEquals("/gate.html?error=sign-in-failed", GateRedirects.failure("sign-in-failed", "//evil.example"));
    }
}
