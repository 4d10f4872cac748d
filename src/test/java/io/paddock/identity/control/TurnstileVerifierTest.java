package io.paddock.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Turnstile client against a tiny siteverify fake on loopback that speaks Cloudflare's shapes. */
class TurnstileVerifierTest {

    static final String SECRET = "0x4AAAAAAA-test-secret";

    HttpServer server;
    URI verifyUrl;
    final AtomicReference<Map<String, String>> lastForm = new AtomicReference<>();
    final AtomicReference<String> lastContentType = new AtomicReference<>();

    @BeforeEach
    void startFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/turnstile/v0/siteverify", this::siteverify);
        server.createContext("/broken", exchange -> answer(exchange, 502, "bad gateway"));
        server.createContext("/garbage", exchange -> answer(exchange, 200, "<html>not json</html>"));
        server.start();
        verifyUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/turnstile/v0/siteverify");
    }

    @AfterEach
    void stopFake() {
        server.stop(0);
    }

    /** Accepts only the response token "human" with the right secret, as Cloudflare would answer. */
    private void siteverify(HttpExchange exchange) throws IOException {
        lastContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        lastForm.set(form);
        if (!"POST".equals(exchange.getRequestMethod()) || !SECRET.equals(form.get("secret"))) {
            answer(exchange, 200, "{\"success\":false,\"error-codes\":[\"invalid-input-secret\"]}");
        } else if ("human".equals(form.get("response"))) {
            answer(exchange, 200, "{\"success\":true,\"error-codes\":[],\"hostname\":\"paddock.test\"}");
        } else {
            answer(exchange, 200, "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
        }
    }

    @Test
    void aGenuineTokenPassesAndTheFormCarriesSecretResponseAndIp() {
        TurnstileVerifier verifier = new TurnstileVerifier(HttpClient.newHttpClient(), verifyUrl, SECRET);
        TurnstileVerifier.Outcome outcome = verifier.verify("human", "203.0.113.7");
        assertTrue(outcome.success(), outcome.toString());
        assertEquals(List.of(), outcome.errorCodes());
        assertEquals("application/x-www-form-urlencoded", lastContentType.get());
        assertEquals(Map.of("secret", SECRET, "response", "human", "remoteip", "203.0.113.7"), lastForm.get());
    }

    @Test
    void aRejectedTokenFailsWithCloudflaresErrorCodes() {
        TurnstileVerifier verifier = new TurnstileVerifier(HttpClient.newHttpClient(), verifyUrl, SECRET);
        TurnstileVerifier.Outcome outcome = verifier.verify("robot & friends", null);
        assertFalse(outcome.success());
        assertEquals(List.of("invalid-input-response"), outcome.errorCodes());
        assertEquals("robot & friends", lastForm.get().get("response"), "form values are URL-encoded");
        assertFalse(lastForm.get().containsKey("remoteip"));
    }

    @Test
    void aWrongSecretFails() {
        TurnstileVerifier verifier = new TurnstileVerifier(HttpClient.newHttpClient(), verifyUrl, "wrong");
        assertEquals(List.of("invalid-input-secret"), verifier.verify("human", null).errorCodes());
    }

    @Test
    void aMissingTokenFailsWithoutAsking() {
        TurnstileVerifier verifier = new TurnstileVerifier(HttpClient.newHttpClient(), verifyUrl, SECRET);
        TurnstileVerifier.Outcome outcome = verifier.verify(" ", "203.0.113.7");
        assertFalse(outcome.success());
        assertEquals(List.of("missing-input-response"), outcome.errorCodes());
        assertEquals(null, lastForm.get(), "nothing was sent");
    }

    @Test
    void anythingButAClearYesIsANo() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        HttpClient client = HttpClient.newHttpClient();
        assertEquals(List.of("http-502"),
                new TurnstileVerifier(client, URI.create(base + "/broken"), SECRET).verify("human", null).errorCodes());
        assertFalse(new TurnstileVerifier(client, URI.create(base + "/garbage"), SECRET).verify("human", null)
                .success());
        server.stop(0);
        assertEquals(List.of("unreachable"), new TurnstileVerifier(client, verifyUrl, SECRET).verify("human", null)
                .errorCodes());
    }

    @Test
    void aSecretIsRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> new TurnstileVerifier(HttpClient.newHttpClient(), verifyUrl, " "));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new HashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
