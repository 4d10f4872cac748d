package io.paddock.racing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;

/**
 * A reference client of Paddock's racing sockets on {@code java.net.http.WebSocket}: speaks the mod
 * protocol (auth, ready, status_update, zone_entered, event_flag, finished, pong) and serves as a
 * spectator too. Every received message is kept, with its arrival time, for tests and the benchmark.
 */
public final class ModClient implements WebSocket.Listener, AutoCloseable {

    /** A received message and when it arrived (System.nanoTime). */
    public record Received(JsonNode json, long nanos) {
    }

    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean answerPings;
    private WebSocket socket;

    private ModClient(boolean answerPings) {
        this.answerPings = answerPings;
    }

    /** Connects to {@code ws://host:port/ws/mod/<raceId>} (or a spectator path). */
    public static ModClient connect(HttpClient http, URI uri) {
        return connect(http, uri, new String[0]);
    }

    /** As {@link #connect(HttpClient, URI)}, with handshake headers (name, value, …) such as Cookie and Origin. */
    public static ModClient connect(HttpClient http, URI uri, String... headers) {
        ModClient client = new ModClient(true);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    /**
     * Releases a race's packs ({@code generate-zips} as the organizer) and returns each participant's
     * Twitch login → mod token (the last part of its download URL).
     */
    public static java.util.Map<String, String> modTokens(io.paddock.testing.Http http, String raceId, JsonNode organizer) {
        io.paddock.testing.Http.Reply zips = http.send("POST", "api/races/" + raceId + "/generate-zips", "application/json",
                null, http.bearer(organizer.path("accessToken").asText()));
        if (zips.status() != 200) {
            throw new AssertionError("generate-zips answered " + zips.status() + ": " + zips.body());
        }
        java.util.Map<String, String> tokens = new java.util.HashMap<>();
        for (JsonNode d : zips.json().path("downloads")) {
            String url = d.path("url").asText();
            tokens.put(d.path("twitch_username").asText(), url.substring(url.lastIndexOf('/') + 1));
        }
        return tokens;
    }

    public static URI socketUri(java.net.URL base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
    }

    public ModClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public ModClient send(Object... fields) {
        ObjectNode msg = Json.mapper().createObjectNode();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            msg.set((String) fields[i], Json.mapper().valueToTree(fields[i + 1]));
        }
        return send(msg.toString());
    }

    public JsonNode auth(String modToken) {
        send("type", "auth", "mod_token", modToken);
        return await("auth_ok", Duration.ofSeconds(10));
    }

    public ModClient ready() {
        return send("type", "ready");
    }

    public ModClient status(long igt, String zone, int layer, int deaths) {
        return send("type", "status_update", "igt_ms", igt, "current_zone", zone, "current_layer", layer,
                "death_count", deaths);
    }

    public ModClient zone(String from, String to, long igt) {
        return send("type", "zone_entered", "from_zone", from, "to_zone", to, "igt_ms", igt);
    }

    public ModClient flag(long flagId, long igt) {
        return send("type", "event_flag", "flag_id", flagId, "igt_ms", igt);
    }

    public ModClient finished(long igt) {
        return send("type", "finished", "igt_ms", igt);
    }

    /** The next message of this type (others are kept in {@link #seen()}); fails after the timeout. */
    public JsonNode await(String type, Duration timeout) {
        return await(m -> type.equals(m.path("type").asText()), timeout, type);
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received next = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("No " + what + " within " + timeout + "; saw " + types());
                }
                synchronized (seen) {
                    seen.add(next);
                }
                if (match.test(next.json())) {
                    return next.json();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public List<Received> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Moves everything received so far into {@link #seen()}. */
    public List<Received> drain() {
        List<Received> all = new ArrayList<>();
        inbox.drainTo(all);
        synchronized (seen) {
            seen.addAll(all);
        }
        return seen();
    }

    private List<String> types() {
        synchronized (seen) {
            return seen.stream().map(r -> r.json().path("type").asText()).toList();
        }
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Not closed within " + timeout + "; saw " + types(), e);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode json = Json.mapper().readTree(text);
                if (answerPings && "ping".equals(json.path("type").asText())) {
                    webSocket.sendText("{\"type\":\"pong\"}", true);
                }
                inbox.add(new Received(json, System.nanoTime()));
            } catch (java.io.IOException e) {
                inbox.add(new Received(Json.mapper().createObjectNode().put("type", "unparseable"), System.nanoTime()));
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
