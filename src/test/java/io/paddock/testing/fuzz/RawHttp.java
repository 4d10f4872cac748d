package io.paddock.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that {@code java.net.http.HttpClient} refuses to send:
 * malformed request targets, control characters and oversized or contradictory headers. The request is
 * written as ISO-8859-1 text, so every char below 256 is sent as that byte.
 */
public final class RawHttp {

    /** The answer; {@code status} 0 when the server closed the connection without one. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public String hostHeader() {
        return host + ":" + port;
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}. */
    public Answer send(String head, byte[] body, boolean headRequest) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    socket.getOutputStream().write(body);
                }
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before reading everything: read what it said.
            }
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String statusLine;
            try {
                statusLine = line(in);
            } catch (IOException e) {
                return new Answer(0, Map.of(), new byte[0]);
            }
            if (statusLine == null || !statusLine.startsWith("HTTP/")) {
                return new Answer(0, Map.of(), statusLine == null ? new byte[0]
                        : statusLine.getBytes(StandardCharsets.ISO_8859_1));
            }
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1].trim());
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            byte[] content;
            try {
                if (headRequest || status == 204 || status == 304 || status < 200) {
                    content = new byte[0];
                } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    content = chunked(in);
                } else if (headers.containsKey("content-length")) {
                    content = in.readNBytes(Integer.parseInt(headers.get("content-length").trim()));
                } else {
                    content = in.readAllBytes();
                }
            } catch (SocketTimeoutException e) {
                content = new byte[0];
            }
            return new Answer(status, headers, content);
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                break;
            }
            out.write(in.readNBytes(length));
            line(in);
        }
        return out.toByteArray();
    }

    /** One line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > 65_536) {
                throw new IOException("header line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
