package io.paddock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;

/**
 * HTTP/1.1 written by hand on a socket, for requests {@link java.net.http.HttpClient} refuses to send: a
 * request target that is not a valid URI ({@code /%}, {@code /a%2Fb}, {@code %00}) or headers past any sane
 * size. One request per connection ({@code Connection: close}); the answer is read to the end.
 */
public final class RawHttp {

    /** Names of the software under Paddock that no answer may carry. */
    public static final List<String> SERVER_NAMES = List.of("payara", "glassfish", "grizzly", "jersey", "eclipse",
            "wadl", "jakarta", "haproxy");

    private final String host;
    private final int port;

    public RawHttp(URL base) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
    }

    /** A parsed answer; header names are lower-case. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Body is not JSON: " + body, e);
            }
        }

        /**
         * Fails when the answer names the server or its software: a {@code Server} or {@code X-Powered-By}
         * header, or a product name anywhere in the headers or body.
         */
        public void assertNamesNoServer(String what) {
            org.junit.jupiter.api.Assertions.assertNull(header("Server"), what);
            org.junit.jupiter.api.Assertions.assertNull(header("X-Powered-By"), what);
            String text = (headers.toString() + body).toLowerCase(Locale.ROOT);
            for (String name : SERVER_NAMES) {
                org.junit.jupiter.api.Assertions.assertFalse(text.contains(name), "'" + name + "' in " + what);
            }
        }

        /** The status line's neighbours as the test report shows them. */
        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    /** {@code method target HTTP/1.1} with the given extra header lines ("Name: value") and no body. */
    public Reply send(String method, String target, String... headerLines) {
        StringBuilder request = new StringBuilder();
        request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: ").append(host).append(':').append(port).append("\r\n");
        request.append("Connection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (method.equals("POST") || method.equals("PUT")) {
            request.append("Content-Length: 0\r\n");
        }
        request.append("\r\n");
        return exchange(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private Reply exchange(byte[] request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("Raw request failed: " + e, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, read);
            }
        } catch (java.net.SocketException reset) {
            // The server may reset after answering a request it refused; what arrived is the answer.
            if (bytes.size() == 0) {
                throw reset;
            }
        }
        return bytes.toByteArray();
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("No complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.contains("chunked")) {
            body = unchunk(body);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
