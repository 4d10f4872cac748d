package io.paddock.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.Mailbox;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;

/**
 * Black-box: every email/password flow and its refusals, with the mail read from the GreenMail
 * stand-in and time moved by the test clock.
 */
@PaddockIT
class EmailPasswordIT extends BlackBox {

    static final String JSON = "application/json";
    static final String PASSWORD = "correct horse 42";

    Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
        // Rate-limit windows are per deployment and all requests come from 127.0.0.1: an hour later
        // every window has closed, so each test starts with its full allowance.
        http.send("POST", "api/test-support/clock/advance?seconds=3600", null, null);
    }

    @Test
    void registerVerifyAndSignIn() {
        String email = unique("Rider");
        Reply registered = register(email, PASSWORD, "Rider One");
        assertEquals(201, registered.status(), registered.body());
        assertEquals(email.toLowerCase(), registered.json().path("email").asText(), "addresses are stored lower-case");
        assertFalse(registered.json().path("emailVerified").asBoolean());
        assertFalse(registered.json().path("policyAcceptedAt").asText().isEmpty(), registered.body());

        Mailbox.Mail mail = Mailbox.awaitMail(email.toLowerCase(), 1);
        assertTrue(mail.from().contains("paddock@test.invalid"), mail.from());
        assertTrue(mail.text().contains("/verify.html?token="), mail.text());
        assertTrue(mail.text().contains("Rider One"), mail.text());

        JsonNode unverified = Problems.assertProblem(login(email, PASSWORD), 403, "/problems/email-not-verified");
        // In words a person can act on (the page shows it), not an API call.
        assertTrue(unverified.path("detail").asText().contains("Send the link again"), unverified.toString());
        assertFalse(unverified.path("detail").asText().contains("/api/"), unverified.toString());

        Reply verified = http.send("POST", "api/auth/verify-email", JSON, token(mail.token()));
        assertEquals(200, verified.status(), verified.body());
        assertTrue(verified.json().path("emailVerified").asBoolean());
        Problems.assertProblem(http.send("POST", "api/auth/verify-email", JSON, token(mail.token())), 400,
                "/problems/verification-token-used");

        Reply signedIn = login(email, PASSWORD);
        assertEquals(200, signedIn.status(), signedIn.body());
        JsonNode pair = signedIn.json();
        assertEquals("Bearer", pair.path("token_type").asText());
        assertEquals("email", pair.path("auth_method").asText());
        assertEquals(registered.json().path("id").asText(), pair.path("user_id").asText());
        assertFalse(pair.path("refresh_token").asText().isEmpty());
        String session = cookie(signedIn, "paddock_session");
        assertNotNull(cookie(signedIn, "paddock_csrf"));
        assertTrue(signedIn.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("paddock_session=") && c.contains("HttpOnly")));

        Reply me = http.get("api/auth/me", http.bearer(pair.path("access_token").asText()));
        assertEquals(200, me.status(), me.body());
        assertEquals(email.toLowerCase(), me.json().path("email").asText());
        assertTrue(me.json().path("emailVerified").asBoolean());
        assertEquals("email", me.json().path("authMethod").asText());
        assertEquals("email", me.json().path("identities").path(0).path("provider").asText());
        assertEquals(email.toLowerCase(), me.json().path("identities").path(0).path("providerUserId").asText());
        Reply bySession = http.get("api/auth/me", "Cookie", "paddock_session=" + session);
        assertEquals("session", bySession.json().path("credential").asText(), bySession.body());
    }

    @Test
    void registrationRefusesBadInput() {
        String email = unique("Refused");
        JsonNode weak = Problems.assertProblem(register(email, "short", "Weak"), 400, "/problems/weak-password");
        assertEquals("password", weak.path("errors").path(0).path("field").asText(), weak.toString());
        JsonNode lettersOnly = Problems.assertProblem(register(email, "onlyletterswithoutdigits", "Weak"), 400,
                "/problems/weak-password");
        assertTrue(lettersOnly.path("errors").path(0).path("message").asText().contains("mix"), lettersOnly.toString());

        JsonNode notAccepted = Problems.assertProblem(http.send("POST", "api/auth/register", JSON,
                body(email, PASSWORD, "No Policy", false)), 400, "/problems/policy-not-accepted");
        assertEquals("acceptPolicy", notAccepted.path("errors").path(0).path("field").asText());
        JsonNode missing = Problems.assertProblem(http.send("POST", "api/auth/register", JSON,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"X\"}"), 400,
                "/problems/validation");
        assertTrue(missing.toString().contains("acceptPolicy"), missing.toString());
        JsonNode badEmail = Problems.assertProblem(register("not-an-address", PASSWORD, "X"), 400,
                "/problems/validation");
        assertEquals("email", badEmail.path("errors").path(0).path("field").asText(), badEmail.toString());
        assertTrue(Mailbox.to(email.toLowerCase()).isEmpty(), "no account, no mail");

        assertEquals(201, register(email, PASSWORD, "First").status());
        Problems.assertProblem(register(email.toUpperCase(), PASSWORD, "Second"), 409, "/problems/email-taken");
    }

    @Test
    void wrongPasswordAndUnknownAddressGetTheSameRefusal() {
        String email = verifiedAccount("Known");
        JsonNode wrong = Problems.assertProblem(login(email, "wrong password 1"), 401, "/problems/invalid-credentials");
        JsonNode unknown = Problems.assertProblem(login(unique("Nobody"), PASSWORD), 401,
                "/problems/invalid-credentials");
        assertEquals(wrong.path("detail").asText(), unknown.path("detail").asText());
        assertEquals(200, login(email, PASSWORD).status());
    }

    @Test
    void verificationLinksExpireAndResendIssuesANewOne() {
        String email = unique("Late").toLowerCase();
        assertEquals(201, register(email, PASSWORD, "Late Rider").status());
        String first = Mailbox.awaitMail(email, 1).token();
        advance(2 * 24 * 3600 + 1);
        Problems.assertProblem(http.send("POST", "api/auth/verify-email", JSON, token(first)), 400,
                "/problems/verification-token-expired");
        Problems.assertProblem(http.send("POST", "api/auth/verify-email", JSON, token("made-up-token")), 400,
                "/problems/verification-token-invalid");

        assertEquals(202, http.send("POST", "api/auth/resend-verification", JSON, emailBody(email)).status());
        String second = Mailbox.awaitMail(email, 2).token();
        assertFalse(first.equals(second));
        assertEquals(200, http.send("POST", "api/auth/verify-email", JSON, token(second)).status());
        assertEquals(200, login(email, PASSWORD).status());
    }

    @Test
    void resendAndResetAnswer202WhateverTheAddress() {
        String nobody = unique("Ghost").toLowerCase();
        String verified = verifiedAccount("Settled");
        assertEquals(202, http.send("POST", "api/auth/resend-verification", JSON, emailBody(nobody)).status());
        assertEquals(202, http.send("POST", "api/auth/password-reset", JSON, emailBody(nobody)).status());
        assertEquals(202, http.send("POST", "api/auth/resend-verification", JSON, emailBody(verified)).status());
        Reply reset = http.send("POST", "api/auth/password-reset", JSON, emailBody(verified));
        assertEquals(202, reset.status());
        assertEquals("", reset.body());
        // Only the reset for the real account sent anything (after its verification mail).
        Mailbox.Mail mail = Mailbox.awaitMail(verified, 2);
        assertTrue(mail.text().contains("/reset.html?token="), mail.text());
        assertEquals(2, Mailbox.to(verified).size(), "an already verified address gets no new verification link");
        assertTrue(Mailbox.to(nobody).isEmpty());
    }

    @Test
    void passwordResetIsSingleUseAndEndsEverySession() {
        String email = verifiedAccount("Forgetful");
        Reply before = login(email, PASSWORD);
        String session = cookie(before, "paddock_session");
        String refresh = before.json().path("refresh_token").asText();

        assertEquals(202, http.send("POST", "api/auth/password-reset", JSON, emailBody(email)).status());
        String reset = Mailbox.awaitMail(email, 2).token();
        // The seed's handler read a field its schema did not declare: here the schema names newPassword.
        JsonNode seedShape = Problems.assertProblem(http.send("POST", "api/auth/password-reset/confirm", JSON,
                "{\"token\":\"" + reset + "\",\"password\":\"brand new pass 7\"}"), 400, "/problems/validation");
        assertEquals("newPassword", seedShape.path("errors").path(0).path("field").asText());
        JsonNode weak = Problems.assertProblem(confirmReset(reset, "tiny"), 400, "/problems/weak-password");
        assertEquals("newPassword", weak.path("errors").path(0).path("field").asText());

        Reply confirmed = confirmReset(reset, "brand new pass 7");
        assertEquals(204, confirmed.status(), confirmed.body());
        assertEquals("Your Paddock password was changed", Mailbox.awaitMail(email, 3).subject());
        Problems.assertProblem(confirmReset(reset, "another pass 8"), 400, "/problems/reset-token-used");
        Problems.assertProblem(http.get("api/auth/me", "Cookie", "paddock_session=" + session), 401,
                "/problems/unauthenticated");
        Problems.assertProblem(http.send("POST", "api/auth/refresh", JSON, "{\"refresh_token\":\"" + refresh + "\"}"),
                401, "/problems/invalid-refresh-token");
        Problems.assertProblem(login(email, PASSWORD), 401, "/problems/invalid-credentials");
        assertEquals(200, login(email, "brand new pass 7").status());
    }

    @Test
    void resetLinksExpireAfterAnHourAndANewRequestReplacesTheOld() {
        String email = verifiedAccount("Slow");
        assertEquals(202, http.send("POST", "api/auth/password-reset", JSON, emailBody(email)).status());
        String first = Mailbox.awaitMail(email, 2).token();
        advance(3601);
        Problems.assertProblem(confirmReset(first, "brand new pass 7"), 400, "/problems/reset-token-expired");
        Problems.assertProblem(confirmReset("made-up-token", "brand new pass 7"), 400,
                "/problems/reset-token-invalid");

        assertEquals(202, http.send("POST", "api/auth/password-reset", JSON, emailBody(email)).status());
        String second = Mailbox.awaitMail(email, 3).token();
        assertEquals(202, http.send("POST", "api/auth/password-reset", JSON, emailBody(email)).status());
        String third = Mailbox.awaitMail(email, 4).token();
        Problems.assertProblem(confirmReset(second, "brand new pass 7"), 400, "/problems/reset-token-used");
        assertEquals(204, confirmReset(third, "brand new pass 7").status());
    }

    @Test
    void aResetLinkAlsoConfirmsTheAddress() {
        String email = unique("Unconfirmed").toLowerCase();
        assertEquals(201, register(email, PASSWORD, "Unconfirmed").status());
        Problems.assertProblem(login(email, PASSWORD), 403, "/problems/email-not-verified");
        assertEquals(202, http.send("POST", "api/auth/password-reset", JSON, emailBody(email)).status());
        assertEquals(204, confirmReset(Mailbox.awaitMail(email, 2).token(), "brand new pass 7").status());
        Reply signedIn = login(email, "brand new pass 7");
        assertEquals(200, signedIn.status(), "following the mailed link proved the address: " + signedIn.body());
    }

    @Test
    void changePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        String email = verifiedAccount("Careful");
        Reply here = login(email, PASSWORD);
        Reply elsewhere = login(email, PASSWORD);
        String[] auth = {"Cookie", "paddock_session=" + cookie(here, "paddock_session"), "X-CSRF-Token",
            cookie(here, "paddock_csrf")};
        String other = "paddock_session=" + cookie(elsewhere, "paddock_session");

        JsonNode wrong = Problems.assertProblem(changePassword("not it at all 1", "brand new pass 7", auth), 400,
                "/problems/wrong-password");
        assertEquals("currentPassword", wrong.path("errors").path(0).path("field").asText());
        Problems.assertProblem(changePassword(PASSWORD, "weak", auth), 400, "/problems/weak-password");
        Problems.assertProblem(changePassword(PASSWORD, PASSWORD, auth), 400, "/problems/weak-password");
        assertEquals(200, http.get("api/auth/me", "Cookie", other).status(), "refusals changed nothing");

        assertEquals(204, changePassword(PASSWORD, "brand new pass 7", auth).status());
        Mailbox.Mail notice = Mailbox.awaitMail(email, 2);
        assertEquals("Your Paddock password was changed", notice.subject());
        assertEquals(2, Mailbox.to(email).size(), "refused attempts mailed nothing");
        assertEquals(200, http.get("api/auth/me", auth[0], auth[1]).status(), "this session stays");
        Problems.assertProblem(http.get("api/auth/me", "Cookie", other), 401, "/problems/unauthenticated");
        for (Reply session : List.of(here, elsewhere)) {
            Problems.assertProblem(http.send("POST", "api/auth/refresh", JSON,
                    "{\"refresh_token\":\"" + session.json().path("refresh_token").asText() + "\"}"), 401,
                    "/problems/invalid-refresh-token");
        }
        Problems.assertProblem(login(email, PASSWORD), 401, "/problems/invalid-credentials");
        assertEquals(200, login(email, "brand new pass 7").status());
        Problems.assertProblem(http.send("POST", "api/auth/change-password", JSON,
                "{\"currentPassword\":\"a\",\"newPassword\":\"b\"}"), 401, "/problems/unauthenticated");
    }

    @Test
    void providerAccountsHaveNoPasswordToChange() {
        JsonNode discordUser = http.newUser("user", "discord=" + UUID.randomUUID());
        Problems.assertProblem(http.send("POST", "api/auth/change-password", JSON,
                "{\"currentPassword\":\"anything 1\",\"newPassword\":\"brand new pass 7\"}",
                http.bearer(discordUser.path("accessToken").asText())), 409, "/problems/no-password");
    }

    @Test
    void signInIsRateLimitedPerAccount() {
        String email = verifiedAccount("Hammered");
        for (int attempt = 1; attempt <= 10; attempt++) {
            Problems.assertProblem(login(email, "guess number " + attempt), 401, "/problems/invalid-credentials");
        }
        Reply limited = login(email, PASSWORD);
        JsonNode problem = Problems.assertProblem(limited, 429, "/problems/rate-limited");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 5 * 60 + 1, "Retry-After " + retryAfter); // window 5 min, rounded up
        assertTrue(problem.path("detail").asText().contains(Long.toString(retryAfter)), problem.toString());
        advance(retryAfter);
        assertEquals(200, login(email, PASSWORD).status(), "the window ended");
    }

    @Test
    void openApiDescribesEveryEmailEndpoint() {
        Reply openapi = http.get("openapi");
        assertEquals(200, openapi.status());
        for (String path : List.of("/api/auth/register", "/api/auth/verify-email", "/api/auth/resend-verification",
                "/api/auth/login", "/api/auth/password-reset", "/api/auth/password-reset/confirm",
                "/api/auth/change-password")) {
            assertTrue(openapi.body().contains(path + ":"), path);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private String verifiedAccount(String name) {
        String email = unique(name).toLowerCase();
        Reply registered = register(email, PASSWORD, name);
        assertEquals(201, registered.status(), registered.body());
        Reply verified = http.send("POST", "api/auth/verify-email", JSON, token(Mailbox.awaitMail(email, 1).token()));
        assertEquals(200, verified.status(), verified.body());
        return email;
    }

    private Reply register(String email, String password, String name) {
        return http.send("POST", "api/auth/register", JSON, body(email, password, name, true));
    }

    private Reply login(String email, String password) {
        return http.send("POST", "api/auth/login", JSON,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private Reply confirmReset(String token, String newPassword) {
        return http.send("POST", "api/auth/password-reset/confirm", JSON,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + newPassword + "\"}");
    }

    private Reply changePassword(String current, String next, String... auth) {
        return http.send("POST", "api/auth/change-password", JSON,
                "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}", auth);
    }

    private void advance(long seconds) {
        http.send("POST", "api/test-support/clock/advance?seconds=" + seconds, null, null);
    }

    private static String body(String email, String password, String name, boolean accept) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"" + name
                + "\",\"acceptPolicy\":" + accept + "}";
    }

    private static String emailBody(String email) {
        return "{\"email\":\"" + email + "\"}";
    }

    private static String token(String token) {
        return "{\"token\":\"" + token + "\"}";
    }

    static String unique(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    static String cookie(Reply reply, String name) {
        return reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.contains(";") ? c.indexOf(';') : c.length()))
                .findFirst().orElseThrow(() -> new AssertionError("No " + name + " cookie: " + reply.headers()));
    }
}
