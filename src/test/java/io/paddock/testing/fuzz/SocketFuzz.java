package io.paddock.testing.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;

/**
 * Bad input to the racing sockets (docs/api/racing.md): every mod message type, authenticated on a
 * running race and before authentication, and the spectator's messages. Each mod message is followed by
 * a {@code ping}, whose {@code pong} marks the end of the server's answers to it, so an error is
 * attributed to the message that caused it; a spectator gets exactly one answer per message.
 * <p>
 * Fails on: a close with a code the racing documentation does not list (or no close frame), an error code
 * it does not list, {@code concurrent-update} where no concurrent update can happen (one connection per
 * participant), a frame that is not a typed JSON message, and a message left without an answer.
 */
public final class SocketFuzz {

    /** Close codes docs/api/racing.md lists. */
    public static final Set<Integer> CLOSE_CODES = Set.of(1001, 1008, 1009, 4001, 4003, 4004);
    /** Mod error codes docs/api/racing.md lists. */
    public static final Set<String> MOD_ERRORS = Set.of("auth-required", "malformed-json", "invalid-message",
            "message-too-large",
            "unknown-type", "rate-limited", "race-not-running", "igt-backwards", "layer-backwards", "already-finished",
            "participant-state", "participant-removed", "already-authenticated", "concurrent-update", "input-limit",
            "unknown-zone", "zone-history-full");
    public static final Set<String> SPECTATOR_ERRORS = Set.of("invalid-message", "auth-window-closed");

    static final String MOD = "WS /ws/mod/{race_id}";
    static final String SPECTATOR = "WS /ws/race/{race_id}";
    private static final List<String> TYPES = List.of("auth", "ready", "status_update", "zone_entered", "event_flag",
            "ping", "pong", "fuzz_unknown", "finished");
    private static final String PING = "{\"type\":\"ping\"}";
    /** Sends per connection stay under the documented 20 messages per second (a message and its ping). */
    private static final long PAIR_INTERVAL_NANOS = 125_000_000L;
    private static final int MAX_CHARS = 60_000;

    private final Target target;
    private final Findings findings;
    private final long seed;
    private final HttpClient client;

    public SocketFuzz(Target target, Findings findings, long seed, HttpClient client) {
        this.target = target;
        this.findings = findings;
        this.seed = seed;
        this.client = client;
    }

    private URI uri(String path) {
        return URI.create(target.base().toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
    }

    private ObjectNode base(String type, String token, long igt) {
        ObjectNode msg = Json.mapper().createObjectNode().put("type", type);
        switch (type) {
            case "auth" -> msg.put("mod_token", token);
            case "status_update" -> msg.put("igt_ms", igt).put("current_zone", "zone_a").put("current_layer", 1)
                    .put("death_count", 0);
            case "zone_entered" -> msg.put("from_zone", "zone_a").put("to_zone", "zone_b").put("igt_ms", igt);
            case "event_flag" -> msg.put("flag_id", 1040).put("igt_ms", igt);
            case "finished" -> msg.put("igt_ms", igt);
            case "fuzz_unknown" -> msg.put("value", 1);
            default -> {
                // ready, ping, pong: the type alone
            }
        }
        return msg;
    }

    private record Planned(String type, Kind kind, String text) {
    }

    /**
     * One authenticated mod connection sending {@code count} bad messages, every type and kind in turn,
     * finishes last (a finished participant refuses the rest).
     */
    public void mod(int connection, String token, int count) {
        SplittableRandom r = HttpFuzz.random(seed, "mod", connection);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = TYPES.get(i % TYPES.size());
            Kind kind = Kind.DOCUMENT.get((i / TYPES.size() + connection) % Kind.DOCUMENT.size());
            plan.add(new Planned(type, kind, BadInputs.mutate(base(type, token, 1_000L * (i + 1)), kind, r, MAX_CHARS)));
        }
        plan.sort(Comparator.comparing(p -> p.type().equals("finished")));
        FuzzSocket socket = authenticated(token);
        if (socket == null) {
            return;
        }
        long next = System.nanoTime();
        try {
            for (Planned p : plan) {
                LockSupport.parkNanos(next - System.nanoTime());
                next = Math.max(System.nanoTime(), next) + PAIR_INTERVAL_NANOS;
                String surface = MOD + " " + p.type();
                findings.sent("mod socket", p.kind(), surface);
                int unparseable = socket.unparseable().size();
                List<JsonNode> errors = new ArrayList<>();
                boolean sent = socket.send(p.text()) && socket.send(PING);
                java.util.function.Predicate<JsonNode> collect = m -> {
                    if (m.path("type").asText().equals("error")) {
                        errors.add(m);
                    }
                    return m.path("type").asText().equals("pong");
                };
                JsonNode pong = !sent ? null : socket.await(collect, Duration.ofSeconds(20));
                // The server sends its answers asynchronously and one may overtake another: answers that
                // arrive until the next message is due still belong to this one.
                long left = next - System.nanoTime();
                if (pong != null && left > 0) {
                    socket.await(m -> collect.test(m) && false, Duration.ofNanos(left));
                }
                for (JsonNode error : errors) {
                    String code = error.path("code").asText();
                    if (!MOD_ERRORS.contains(code)) {
                        findings.fail(surface, p.kind(), "error " + code + " (not documented)", p.text(), error.toString());
                    } else if (code.equals("concurrent-update")) {
                        findings.fail(surface, p.kind(), "error concurrent-update with no concurrent update", p.text(),
                                error.toString());
                    }
                }
                if (socket.unparseable().size() > unparseable) {
                    findings.fail(surface, p.kind(), "frame that is not a typed JSON message", p.text(),
                            socket.unparseable().get(unparseable));
                }
                Integer code = pong == null || socket.isClosed() ? socket.closeCode(Duration.ofSeconds(2)) : null;
                if (code != null) {
                    closed(surface, p.kind(), code, socket.closeReason(), p.text());
                    socket.close();
                    socket = authenticated(token);
                    if (socket == null) {
                        return;
                    }
                } else if (pong == null
                        && errors.stream().noneMatch(e -> e.path("code").asText().equals("rate-limited"))) {
                    findings.fail(surface, p.kind(), "no answer (the ping after it got no pong)", p.text(), "");
                }
            }
        } finally {
            socket.close();
        }
    }

    private FuzzSocket authenticated(String token) {
        FuzzSocket socket;
        try {
            socket = FuzzSocket.connect(client, uri("/ws/mod/" + target.socketRace()));
        } catch (RuntimeException e) {
            findings.fail(MOD + " auth", Kind.EXTRA_FIELD, "handshake failed", "a valid auth", e.toString());
            return null;
        }
        socket.send(Json.mapper().createObjectNode().put("type", "auth").put("mod_token", token).toString());
        if (socket.await(m -> m.path("type").asText().equals("auth_ok"), Duration.ofSeconds(30)) == null) {
            findings.fail(MOD + " auth", Kind.EXTRA_FIELD, "a valid auth got no auth_ok", "a valid auth",
                    "close " + socket.closeCode(Duration.ZERO));
            socket.close();
            return null;
        }
        return socket;
    }

    private void closed(String surface, Kind kind, int code, String reason, String input) {
        if (!CLOSE_CODES.contains(code)) {
            findings.fail(surface, kind, code == -1 ? "connection dropped without a close frame"
                    : "closed " + code + " (not documented)", input, "close " + code + " " + Findings.clip(reason, 100));
        }
    }

    /**
     * Short mod connections, {@code count} of them: a bad first message, a bad auth, a bad race id in the
     * path, a binary frame, a frame far above the message limit, and silence until the auth deadline.
     */
    public void modShort(int count) {
        for (int i = 0; i < count; i++) {
            SplittableRandom r = HttpFuzz.random(seed, "mod-short", i);
            int variant = i % 5;
            String token = target.spareModToken();
            String path = "/ws/mod/" + target.socketRace();
            Kind kind = Kind.DOCUMENT.get((i / 5) % Kind.DOCUMENT.size());
            String first;
            String surface;
            switch (variant) {
                case 0 -> {
                    String type = BadInputs.pick(TYPES.subList(1, TYPES.size()), r);
                    surface = MOD + " " + type + " (before auth)";
                    first = BadInputs.mutate(base(type, token, 1_000), kind, r, MAX_CHARS);
                }
                case 1 -> {
                    surface = MOD + " auth (bad)";
                    first = BadInputs.mutate(base("auth", token, 0), kind, r, MAX_CHARS);
                }
                case 2 -> {
                    kind = Kind.BAD_PATH_PARAM;
                    String bad = BadInputs.pick(List.of("not-a-uuid", new UUID(r.nextLong(), r.nextLong()).toString(),
                            BadInputs.DIGITS_900, "a".repeat(3_000), "..", "%00", "%E9", "null", "1E400"), r);
                    path = "/ws/mod/" + (bad.startsWith("%") ? bad : HttpFuzz.segment(bad));
                    surface = MOD + " (bad race id)";
                    first = base("auth", token, 0).toString();
                }
                case 3 -> {
                    kind = Kind.BINARY_FRAME;
                    surface = MOD + " (binary frame)";
                    first = null;
                }
                default -> {
                    kind = Kind.HUGE_FRAME;
                    surface = MOD + " (frame above the limit)";
                    first = "{\"type\":\"status_update\",\"current_zone\":" + BadInputs.longString(
                            BadInputs.pick(List.of(70_000, 300_000, 1_100_000), r), r) + "}";
                }
            }
            findings.sent("mod socket", kind, surface);
            FuzzSocket socket;
            try {
                socket = FuzzSocket.connect(client, uri(path));
            } catch (RuntimeException e) {
                // A refused handshake is an answer to a bad race id, unless the server failed.
                int status = FuzzSocket.handshakeStatus(e);
                if (variant != 2 || status == 0 || status >= 500) {
                    findings.fail(surface, kind, "handshake failed" + (status == 0 ? "" : " " + status), path,
                            e.toString());
                }
                continue;
            }
            try {
                if (variant == 3) {
                    socket.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
                } else if (variant == 4) {
                    socket.send(base("auth", token, 0).toString());
                    socket.send(first);
                } else {
                    socket.send(first);
                }
                List<JsonNode> errors = new ArrayList<>();
                if (variant == 3) {
                    socket.send(base("auth", token, 0).toString());
                } else if (variant != 4) {
                    // Its answer first: a close that follows it must not race the auth written after it.
                    socket.await(m -> {
                        if (m.path("type").asText().equals("error")) {
                            errors.add(m);
                        }
                        return m.path("type").asText().matches("error|auth_error|auth_ok");
                    }, Duration.ofSeconds(5));
                    if (socket.closeCode(Duration.ofMillis(300)) == null) {
                        socket.send(base("auth", token, 0).toString());
                    }
                }
                socket.send(PING);
                socket.await(m -> {
                    if (m.path("type").asText().equals("error")) {
                        errors.add(m);
                    }
                    return m.path("type").asText().equals("pong");
                }, Duration.ofSeconds(10));
                String input = first == null ? "(binary)" : first;
                Integer code = socket.closeCode(Duration.ofMillis(100));
                if (code != null) {
                    closed(surface, kind, code, socket.closeReason(), input);
                }
                for (JsonNode m : errors) {
                    String error = m.path("code").asText();
                    if (!MOD_ERRORS.contains(error)) {
                        findings.fail(surface, kind, "error " + error + " (not documented)", input, m.toString());
                    }
                }
            } finally {
                socket.close();
            }
        }
        // Silence: the documented auth deadline closes the connection with 4001.
        findings.sent("mod socket", Kind.MISSING_FIELD, MOD + " (no auth)");
        try (FuzzSocket silent = FuzzSocket.connect(client, uri("/ws/mod/" + target.socketRace()))) {
            Integer code = silent.closeCode(Duration.ofSeconds(30));
            if (code == null || code != 4001) {
                findings.fail(MOD + " (no auth)", Kind.MISSING_FIELD, "not closed 4001 within 30 s", "(nothing)",
                        "close " + code);
            }
        }
    }

    /**
     * Spectator connections sending {@code count} messages in all, each answered by one error or auth_ok;
     * this call makes the connections numbered {@code part} modulo {@code parts}.
     */
    public void spectators(int count, int part, int parts) {
        int perConnection = 30;
        for (int c = part; c * perConnection < count; c += parts) {
            SplittableRandom r = HttpFuzz.random(seed, "spectator", c);
            boolean badRace = c % 10 == 9;
            String query = BadInputs.pick(List.of("", "", "?frames=player_update", "?batch=1", "?frames=%00",
                    "?frames=" + "x".repeat(2_000), "?frames=", "?batch=1E400&frames=player_update&frames=x"), r);
            String path = "/ws/race/" + (badRace ? BadInputs.pick(List.of("not-a-uuid", new UUID(r.nextLong(), r.nextLong()).toString(),
                    BadInputs.DIGITS_900, "%00"), r) : target.socketRace()) + query;
            FuzzSocket socket;
            try {
                socket = FuzzSocket.connect(client, uri(path));
            } catch (RuntimeException e) {
                findings.sent("spectator socket", Kind.BAD_PATH_PARAM, SPECTATOR + " (connect)");
                int status = FuzzSocket.handshakeStatus(e);
                // A NUL in the query is refused at the handshake (400 validation), as a bad race id is (4xx).
                if ((!badRace && !query.contains("%00")) || status == 0 || status >= 500) {
                    findings.fail(SPECTATOR + " (connect)", Kind.BAD_PATH_PARAM, "handshake failed"
                            + (status == 0 ? "" : " " + status), path, e.toString());
                }
                continue;
            }
            try {
                int messages = Math.min(perConnection, count - c * perConnection);
                for (int i = 0; i < messages; i++) {
                    Kind kind = Kind.DOCUMENT.get((i + c) % Kind.DOCUMENT.size());
                    String text;
                    String surface;
                    if (i == 0 && r.nextInt(3) == 0) {
                        kind = Kind.EXTRA_FIELD;
                        surface = SPECTATOR + " auth";
                        text = Json.mapper().createObjectNode().put("type", "auth").put("token", r.nextBoolean()
                                ? target.adminToken() : target.adminApiKey()).put("extra", 1).toString();
                    } else if (i % 10 == 7) {
                        kind = Kind.HUGE_FRAME;
                        surface = SPECTATOR + " (long frame)";
                        text = "{\"type\":\"auth\",\"token\":" + BadInputs.longString(BadInputs.pick(List.of(5_000,
                                60_000), r), r) + "}";
                    } else {
                        boolean auth = r.nextBoolean();
                        surface = SPECTATOR + (auth ? " auth" : " (other message)");
                        ObjectNode base = auth ? Json.mapper().createObjectNode().put("type", "auth").put("token",
                                target.adminToken()) : base(BadInputs.pick(TYPES, r), "x", 1_000);
                        text = BadInputs.mutate(base, kind, r, 4_000);
                    }
                    findings.sent("spectator socket", kind, surface);
                    boolean sent = socket.send(text);
                    JsonNode answer = !sent ? null : socket.await(m -> m.path("type").asText().equals("error")
                            || m.path("type").asText().equals("auth_ok"), Duration.ofSeconds(20));
                    if (answer == null) {
                        Integer code = socket.closeCode(Duration.ofSeconds(sent ? 1 : 2));
                        if (code != null || !sent) {
                            if (!badRace || code == null || code != 4004) {
                                closed(surface, kind, code == null ? -1 : code, socket.closeReason(), text);
                            }
                            if (badRace) {
                                break;
                            }
                            socket.close();
                            socket = FuzzSocket.connect(client, uri(path));
                            continue;
                        }
                        findings.fail(surface, kind, "no answer", text, "");
                    } else if (answer.path("type").asText().equals("error")
                            && !SPECTATOR_ERRORS.contains(answer.path("code").asText())) {
                        findings.fail(surface, kind, "error " + answer.path("code").asText() + " (not documented)",
                                text, answer.toString());
                    }
                }
                if (badRace) {
                    Integer code = socket.closeCode(Duration.ofSeconds(2));
                    if (code == null || code != 4004) {
                        findings.fail(SPECTATOR + " (unknown race)", Kind.BAD_PATH_PARAM, "not closed 4004", path,
                                "close " + code);
                    }
                }
                if (!socket.unparseable().isEmpty()) {
                    findings.fail(SPECTATOR, Kind.MALFORMED_JSON, "frame that is not a typed JSON message", path,
                            socket.unparseable().get(0));
                }
            } finally {
                socket.close();
            }
        }
    }
}
