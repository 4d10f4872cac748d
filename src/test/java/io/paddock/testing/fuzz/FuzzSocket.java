package io.paddock.testing.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;

/**
 * A WebSocket client that keeps every frame it receives and how the server closed: the close code, or
 * -1 when the connection ended without a close frame. Application pings are answered with a pong.
 * A close this client started is not the server's and is not reported as one.
 */
public final class FuzzSocket implements WebSocket.Listener, AutoCloseable {

    /** A frame that is not a JSON object with a string type. */
    public static final String UNPARSEABLE = "(unparseable)";

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<String> unparseable = new ArrayList<>();
    private volatile boolean closing;
    private volatile String closeReason = "";
    private WebSocket socket;

    private FuzzSocket() {
    }

    /** Connects, or fails with the handshake's error. */
    public static FuzzSocket connect(HttpClient http, URI uri) {
        FuzzSocket client = new FuzzSocket();
        client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, client)
                .orTimeout(40, TimeUnit.SECONDS).join();
        return client;
    }

    /** The HTTP status of a refused handshake in {@code error}'s causes, or 0. */
    public static int handshakeStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
        }
        return 0;
    }

    /** Sends a text frame; false when the connection is gone. */
    public boolean send(String text) {
        return send(socket, text);
    }

    // One send at a time: the pong answering a server ping goes out from the listener's thread.
    private synchronized boolean send(WebSocket webSocket, String text) {
        try {
            webSocket.sendText(text, true).get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public synchronized boolean sendBinary(byte[] bytes) {
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The next received message that {@code match} accepts; others are dropped. Null after the timeout or a close. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode next = left <= 0 ? null : inbox.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
                if (next == null) {
                    if (left <= 0 || closed.isDone() && inbox.isEmpty()) {
                        return null;
                    }
                    continue;
                }
                if (match.test(next)) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Messages received so far (removed from the inbox). */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        inbox.drainTo(all);
        return all;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The server's close code (-1: no close frame), waiting up to the timeout; null if still open. */
    public Integer closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public String closeReason() {
        return closeReason;
    }

    public List<String> unparseable() {
        synchronized (unparseable) {
            return List.copyOf(unparseable);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (!last) {
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        try {
            JsonNode json = Json.mapper().readTree(text);
            if (json == null || !json.isObject() || !json.path("type").isTextual()) {
                throw new java.io.IOException("not a typed message");
            }
            if ("ping".equals(json.path("type").asText())) {
                send(webSocket, "{\"type\":\"pong\"}");
            }
            inbox.add(json);
        } catch (java.io.IOException e) {
            synchronized (unparseable) {
                unparseable.add(Findings.clip(text, 200));
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        synchronized (unparseable) {
            unparseable.add("(binary frame of " + data.remaining() + " bytes)");
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        if (!closing) {
            closed.complete(statusCode);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = String.valueOf(error);
        if (!closing) {
            closed.complete(-1);
        }
    }

    @Override
    public void close() {
        closing = !closed.isDone();
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // already gone
        }
        socket.abort();
    }
}
