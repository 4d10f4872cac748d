package io.paddock.testing.fuzz;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;
import io.paddock.telemetry.control.TelemetryProof;
import io.paddock.testing.fuzz.OpenApi.Operation;
import io.paddock.testing.fuzz.OpenApi.Param;

/**
 * Bad input to every documented HTTP operation: each generated input is one (operation, kind) pair,
 * taken in turn so that every operation gets every kind that applies to it, built from the seed and
 * its index alone (so threads may send them in any order). Requests that HttpClient refuses to build go
 * out on a raw socket instead.
 * <p>
 * An answer fails when it is a 5xx; under {@code /api}, when a 4xx is not a problem+json document whose
 * {@code status} is the answer's, a 2xx (other than 204) is not JSON (a pack download is a zip), or a
 * redirect comes from an operation that documents none; anywhere, when a 200 to GET is empty, the
 * connection closes without an answer, or the answer names the server software.
 */
public final class HttpFuzz {

    static final Pattern SERVER_NAMES = Pattern.compile("(?i)payara|glassfish|grizzly|jersey");
    private static final List<String> BODY_METHODS = List.of("POST", "PUT", "PATCH");
    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    /** Operations that would end the test's own credentials (and make it sign in again): sent anonymously only. */
    static final Set<String> ANONYMOUS_ONLY = Set.of("POST /api/auth/logout-everywhere");
    static final Set<String> COSTLY = Set.of("POST /api/auth/login", "POST /api/auth/register",
            "POST /api/auth/password-reset/confirm", "POST /api/auth/change-password", "POST /api/admin/pools/scan");
    static final int COSTLY_ROUNDS = 2;
    private static final Set<String> SIGNED = Set.of("/api/plugin/heartbeat", "/api/plugin/challenge",
            "/api/plugin/results");

    /** A documented operation and one kind of bad input for it. */
    public record Pair(Operation op, Kind kind) {
    }

    /** One request: what was sent, to report it. */
    record Request(String surface, Kind kind, String method, String target, List<String> headers, byte[] body,
            boolean signed, String caller) {

        String describe() {
            StringBuilder out = new StringBuilder(caller).append(' ').append(method).append(' ')
                    .append(Findings.clip(target, 140));
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                if (!headers.get(i).equals("Authorization") || !caller.equals("admin")) {
                    out.append(" [").append(headers.get(i)).append(": ").append(Findings.clip(headers.get(i + 1), 60))
                            .append(']');
                }
            }
            if (body != null) {
                out.append(" body=").append(Findings.clip(new String(body, StandardCharsets.UTF_8), 160));
            }
            return out.toString();
        }
    }

    private final Target target;
    private final OpenApi api;
    private final List<Pair> pairs = new ArrayList<>();
    private final List<Pair> cheap = new ArrayList<>();
    private final Map<String, JsonNode> bases = new HashMap<>();
    private final Findings findings;
    private final long seed;
    private final HttpClient client;
    private final RawHttp raw;

    public HttpFuzz(Target target, OpenApi api, List<Operation> operations, Findings findings, long seed,
            HttpClient client) {
        this.target = target;
        this.api = api;
        this.findings = findings;
        this.seed = seed;
        this.client = client;
        this.raw = new RawHttp(target.base().getHost(), target.base().getPort());
        for (Operation op : operations) {
            List<Kind> kinds = new ArrayList<>(List.of(Kind.WRONG_METHOD, Kind.BAD_QUERY_PARAM, Kind.BAD_CREDENTIAL));
            if (!op.in("path").isEmpty()) {
                kinds.add(Kind.BAD_PATH_PARAM);
            }
            if (op.body() != null || BODY_METHODS.contains(op.method())) {
                kinds.addAll(Kind.DOCUMENT);
                kinds.add(Kind.BAD_MEDIA_TYPE);
            }
            kinds.forEach(kind -> pairs.add(new Pair(op, kind)));
            if (!COSTLY.contains(op.key())) {
                kinds.forEach(kind -> cheap.add(new Pair(op, kind)));
            }
        }
        bases.put("/api/plugin/heartbeat", heartbeat());
        bases.put("/api/plugin/challenge", Json.mapper().createObjectNode().put("sessionId",
                UUID.nameUUIDFromBytes("fuzz".getBytes(StandardCharsets.UTF_8)).toString()));
    }

    public List<Pair> pairs() {
        return pairs;
    }

    static SplittableRandom random(long seed, String stream, int index) {
        return new SplittableRandom(seed * 1_000_003L + stream.hashCode() * 7_919L + index);
    }

    /**
     * Builds and sends generated input number {@code index}. Operations that hash a password or scan the seed
     * pools cost a hundred times a plain request: they get the first {@link #COSTLY_ROUNDS} rounds of every
     * kind, the others every round.
     */
    public void send(int index) {
        int full = COSTLY_ROUNDS * pairs.size();
        Pair pair = index < full ? pairs.get(index % pairs.size()) : cheap.get((index - full) % cheap.size());
        Request request = build(pair.op(), pair.kind(), random(seed, "http", index));
        findings.sent("http", request.kind(), request.surface());
        send(request, pair.op());
    }

    Request build(Operation op, Kind kind, SplittableRandom r) {
        String method = op.method();
        if (kind == Kind.WRONG_METHOD) {
            // HEAD is answered for every GET (HTTP semantics), so it is no wrong method there.
            List<String> others = ALL_METHODS.stream().filter(m -> !m.equals(op.method())
                    && !(m.equals("HEAD") && op.method().equals("GET"))).toList();
            method = BadInputs.pick(others, r);
        }
        String surface = method + " " + op.path() + (kind == Kind.WRONG_METHOD ? " (undocumented method)" : "");
        boolean signed = SIGNED.contains(op.path()) && kind != Kind.BAD_CREDENTIAL && r.nextInt(4) != 0;
        String caller = signed ? "signed" : kind == Kind.BAD_CREDENTIAL ? "forged"
                : r.nextInt(4) != 0 && !ANONYMOUS_ONLY.contains(method + " " + op.path()) ? "admin" : "anonymous";
        List<String> headers = new ArrayList<>();
        if (caller.equals("admin")) {
            headers.addAll(List.of("Authorization", "Bearer " + (r.nextInt(4) == 0 ? target.adminApiKey()
                    : target.adminToken())));
        } else if (kind == Kind.BAD_CREDENTIAL) {
            headers.addAll(badCredential(op, r));
        }
        String path = path(op, kind == Kind.BAD_PATH_PARAM, r);
        String query = query(op, kind == Kind.BAD_QUERY_PARAM, r);
        byte[] body = null;
        if (BODY_METHODS.contains(method) && (op.body() != null || BODY_METHODS.contains(op.method()))) {
            JsonNode base = base(op, r);
            String contentType = "application/json";
            String text = BadInputs.write(base);
            if (Kind.DOCUMENT.contains(kind)) {
                text = BadInputs.mutate(base, kind, r, 300_000);
            }
            body = text.getBytes(StandardCharsets.UTF_8);
            if (kind == Kind.MALFORMED_JSON && r.nextInt(8) == 0) {
                body = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
            }
            if (kind == Kind.BAD_MEDIA_TYPE) {
                contentType = BadInputs.pick(java.util.Arrays.asList(null, "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=x-unknown",
                        "application/json; charset=UTF-16", "*/*", "application/", "garbage", "application/json;;;q=x",
                        "application/problem+json", "application/json; charset=\"", ""), r);
            }
            if (contentType != null) {
                headers.addAll(List.of("Content-Type", contentType));
            }
        }
        return new Request(surface, kind, method, path + query, headers, body, signed, caller);
    }

    private JsonNode base(Operation op, SplittableRandom r) {
        JsonNode known = bases.get(op.path());
        if (known != null) {
            return known;
        }
        JsonNode sample = op.body() == null ? null : api.sample(op.body(), "body", r, 0);
        return sample != null && sample.isObject() ? sample : Json.mapper().createObjectNode();
    }

    private String path(Operation op, boolean bad, SplittableRandom r) {
        List<Param> params = op.in("path");
        Param broken = bad && !params.isEmpty() ? BadInputs.pick(params, r) : null;
        String path = op.path();
        for (Param p : params) {
            String value = p == broken ? BadInputs.pick(BAD_SEGMENTS, r) : known(op, p.name(), r);
            path = path.replace("{" + p.name() + "}", segment(value));
        }
        return path;
    }

    private static final List<String> BAD_SEGMENTS = List.of("not-a-uuid", "0", "-1", BadInputs.DIGITS_900, "1E400",
            "1E-50000000", "null", "undefined", "\u0000", "a\u0000b", "%", "..", ".", "a".repeat(5_000), "é", "😀", "{}",
            "[]", " ", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            "{" + UUID.nameUUIDFromBytes(new byte[1]) + "}", "true", "<script>", "'; drop table races; --", "a/b",
            "a\\b", "a;b", "a?b", "a#b", "\ud800", "\r\nX-Injected: 1", "%00", "0x10");

    private String known(Operation op, String name, SplittableRandom r) {
        if (name.equals("id") && (op.path().startsWith("/api/admin/users/") || op.path().startsWith("/api/users/")
                || op.path().startsWith("/api/admin/members/"))) {
            return target.adminId();
        }
        String value = target.known().get(name);
        return value != null ? value : new UUID(r.nextLong(), r.nextLong()).toString();
    }

    private static final Map<String, String> QUERY_VALUES = Map.of("status", "open", "limit", "1", "offset", "0",
            "month", "2026-11", "platform", "iRacing", "q", "fuzz", "link", "1", "return_to", "/races.html");
    private static final List<String> BAD_QUERY_VALUES = List.of("abc", "-1", "-2147483649", "2147483648",
            BadInputs.DIGITS_900, "1E400", "1E-50000000", "", " ", "\u0000", "a".repeat(5_000), "null", "[]",
            "open,,,running", "%", "é", "0x10", "NaN", "Infinity", "\ud800", "9223372036854775808", "2026-13",
            "//evil.example", "/\\evil.example", "javascript:alert(1)", "\r\n");

    private static String query(Operation op, boolean bad, SplittableRandom r) {
        List<String> parts = new ArrayList<>();
        List<Param> params = op.in("query");
        for (Param p : params) {
            if (r.nextBoolean()) {
                parts.add(encode(p.name()) + "=" + encode(QUERY_VALUES.getOrDefault(p.name(), "fuzz")));
            }
        }
        if (bad) {
            String name = params.isEmpty() || r.nextInt(5) == 0
                    ? BadInputs.pick(List.of("unknown", "limit[]", "\u0000", "a".repeat(300), ""), r)
                    : BadInputs.pick(params, r).name();
            String value = BadInputs.pick(BAD_QUERY_VALUES, r);
            parts.add(encode(name) + "=" + encode(value));
            if (r.nextInt(4) == 0) {
                parts.add(encode(name) + "=" + encode(BadInputs.pick(BAD_QUERY_VALUES, r)));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private List<String> badCredential(Operation op, SplittableRandom r) {
        String token = target.adminToken();
        if (ANONYMOUS_ONLY.contains(op.key())) {
            return List.of("Authorization", "Bearer x.y.z");
        }
        if (SIGNED.contains(op.path()) && r.nextBoolean()) {
            return List.of("X-Paddock-Installation", BadInputs.pick(List.of(target.installationId(), "unknown", "é",
                    "a".repeat(3_000)), r), "X-Paddock-Timestamp", BadInputs.pick(List.of("abc", "-1", "1E400",
                    BadInputs.DIGITS_900, "", Long.toString(target.serverEpoch()), "9223372036854775808"), r),
                    "X-Paddock-Signature", BadInputs.pick(List.of("sha256=zz", "", "sha256=", "sha256=" + "0".repeat(64),
                    "md5=00", "a".repeat(5_000)), r));
        }
        return switch (r.nextInt(13)) {
            case 0 -> List.of("Authorization", "Bearer");
            case 1 -> List.of("Authorization", "Bearer ");
            case 2 -> List.of("Authorization", "Bearer x.y.z");
            case 3 -> List.of("Authorization", "Bearer " + token.substring(0, token.length() - 2) + "AA");
            case 4 -> List.of("Authorization", "Bearer " + "a".repeat(5_000));
            case 5 -> List.of("Authorization", "Basic Zm9vOmJhcg==");
            case 6 -> List.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.");
            case 7 -> List.of("Authorization", "Bearer pdk_" + "z".repeat(40));
            case 8 -> List.of("Cookie", "paddock_session=garbage");
            case 9 -> List.of("Cookie", "paddock_session=" + "a".repeat(5_000));
            case 10 -> List.of("Authorization", "Bearer " + token + " extra");
            case 11 -> List.of("Authorization", "Bearer é\u00ff");
            default -> List.of("Authorization", "Bearer " + token, "Authorization", "Bearer other");
        };
    }

    private void send(Request request, Operation op) {
        List<String> headers = new ArrayList<>(request.headers());
        if (request.signed()) {
            String timestamp = Long.toString(target.serverEpoch());
            byte[] body = request.body() == null ? new byte[0] : request.body();
            headers.addAll(List.of("X-Paddock-Installation", target.installationId(), "X-Paddock-Timestamp", timestamp,
                    "X-Paddock-Signature", "sha256=" + TelemetryProof.requestSignature(target.installationSecret(),
                            timestamp, body)));
        }
        HttpRequest built;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.base().toString().replaceAll("/$", "")
                    + request.target())).timeout(Duration.ofSeconds(120))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                builder.header(headers.get(i), headers.get(i + 1));
            }
            built = builder.build();
        } catch (IllegalArgumentException refusedByClient) {
            sendRaw(request, headers, op);
            return;
        }
        try {
            HttpResponse<java.io.InputStream> response;
            try {
                response = client.send(built, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException closedWhileReused) {
                // A kept-alive connection the server closed just then: once more, on a new one.
                response = client.send(built, HttpResponse.BodyHandlers.ofInputStream());
            }
            Map<String, String> answerHeaders = new HashMap<>();
            response.headers().map().forEach((name, values) -> answerHeaders.put(name.toLowerCase(Locale.ROOT),
                    String.join(", ", values)));
            byte[] body;
            try (java.io.InputStream in = response.body()) {
                // An accepted event stream never ends: its status and headers are the answer; closing the
                // stream unread closes the connection.
                body = answerHeaders.getOrDefault("content-type", "").startsWith("text/event-stream")
                        ? new byte[0] : in.readAllBytes();
            }
            judge(request.surface(), request.kind(), request.describe(), request.method(), request.target(), op,
                    response.statusCode(), answerHeaders, body);
        } catch (IOException e) {
            judge(request.surface(), request.kind(), request.describe(), request.method(), request.target(), op, 0,
                    Map.of(), e.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendRaw(Request request, List<String> headers, Operation op) {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(" HTTP/1.1\r\nHost: ").append(raw.hostHeader()).append("\r\nConnection: close");
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            head.append("\r\n").append(latin1(headers.get(i))).append(": ").append(latin1(headers.get(i + 1)));
        }
        if (request.body() != null) {
            head.append("\r\nContent-Length: ").append(request.body().length);
        }
        sendRaw(request.surface(), request.kind(), request.describe() + " (raw socket)", request.method(),
                request.target(), op, head.toString(), request.body());
    }

    /** Characters as UTF-8 bytes, each byte one ISO-8859-1 char (RawHttp writes them as bytes). */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    void sendRaw(String surface, Kind kind, String description, String method, String requestTarget, Operation op,
            String head, byte[] body) {
        try {
            RawHttp.Answer answer = raw.send(head, body, method.equals("HEAD"));
            judge(surface, kind, description, method, requestTarget, op, answer.status(), answer.headers(), answer.body());
        } catch (IOException e) {
            judge(surface, kind, description, method, requestTarget, op, 0, Map.of(),
                    e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void judge(String surface, Kind kind, String description, String method, String requestTarget,
            Operation op, int status, Map<String, String> headers, byte[] body) {
        String contentType = headers.get("content-type");
        String answer = status + " " + (contentType == null ? "(no content type)" : contentType) + " "
                + Findings.clip(new String(body, StandardCharsets.UTF_8), 180);
        if (containerAnswer(kind, status, contentType, body)) {
            findings.containerAnswer(kind, status);
            return;
        }
        List<String> wrong = verdicts(method, requestTarget, op, status, headers, body);
        if (!wrong.isEmpty()) {
            findings.fail(surface, kind, String.join(", ", wrong), description, answer);
        }
    }

    /**
     * Whether Payara's HTTP layer answered a request it could not parse (a broken percent-encoding, a NUL or
     * backslash in the path, headers beyond the listener's limits, TRACE) before any of Paddock's code ran:
     * such an answer has no body and no media type and is never a server error.
     */
    static boolean containerAnswer(Kind kind, int status, String contentType, byte[] body) {
        boolean unparsable = kind == Kind.MALFORMED_URL || kind == Kind.BAD_HEADER || kind == Kind.BAD_PATH_PARAM;
        boolean containerStatus = status == 200 || status == 400 || status == 405; // the ones documented for it
        return unparsable && containerStatus && contentType == null && body.length == 0;
    }

    /** What is wrong with an answer: its status and the reasons, or nothing. */
    static List<String> verdicts(String method, String requestTarget, Operation op, int status,
            Map<String, String> headers, byte[] body) {
        if (status == 0) {
            return List.of("no answer (connection closed or timed out)");
        }
        List<String> wrong = new ArrayList<>();
        boolean api = requestTarget.equals("/api") || requestTarget.startsWith("/api/")
                || requestTarget.startsWith("/api?") || requestTarget.startsWith("/api;")
                || requestTarget.matches("(?i)https?://[^/]*/api([/?;].*)?");
        String mediaType = mediaType(headers.get("content-type"));
        boolean problemJson = mediaType.equals("application/problem+json");
        if (status >= 500) {
            wrong.add(problemJson ? "server error" : "server error, " + show(mediaType));
        }
        if (api && status >= 400 && status < 500) {
            if (!problemJson) {
                wrong.add("not problem+json (" + show(mediaType) + ")");
            } else if (!method.equals("HEAD")) {
                JsonNode problem = json(body);
                if (problem == null || !problem.isObject() || problem.path("status").asInt() != status
                        || !problem.path("type").isTextual()) {
                    wrong.add("malformed problem document");
                }
            }
        }
        boolean bodyless = method.equals("HEAD") || method.equals("OPTIONS") || status == 202 || status == 204
                || status == 205;
        if (api && status >= 200 && status < 300 && !(bodyless && body.length == 0)) {
            boolean zip = mediaType.equals("application/zip") && op != null && op.path().contains("/download/");
            if (mediaType.equals("text/event-stream")) {
                // An event stream the caller may read (its body is never awaited: it does not end).
            } else if (body.length == 0) {
                wrong.add("empty body");
            } else if (!zip && !(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
                wrong.add("not JSON (" + show(mediaType) + ")");
            } else if (!zip && json(body) == null) {
                wrong.add("invalid JSON body");
            }
        }
        if (api && status >= 300 && status < 400 && (op == null || !op.redirects())) {
            wrong.add("redirect from an operation that documents none");
        }
        if (!api && status == 200 && method.equals("GET") && body.length == 0) {
            wrong.add("empty body");
        }
        String server = headers.getOrDefault("server", "") + " " + headers.getOrDefault("x-powered-by", "");
        String text = new String(body, 0, Math.min(body.length, 100_000), StandardCharsets.ISO_8859_1);
        if (SERVER_NAMES.matcher(server).find() || SERVER_NAMES.matcher(text).find()) {
            wrong.add("names the server software");
        }
        return wrong.isEmpty() ? List.of() : List.of(status + " " + String.join(", ", wrong));
    }

    private static String show(String mediaType) {
        return mediaType.isEmpty() ? "no content type" : mediaType;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode json(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment holding exactly {@code value}: every byte outside the unreserved set percent-encoded. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static ObjectNode heartbeat() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("timestamp", "2026-11-22T07:00:00Z");
        body.put("currentSpeed", new BigDecimal("150"));
        body.put("currentRPM", new BigDecimal("6000"));
        body.put("currentGear", 3);
        body.put("currentLapTime", new BigDecimal("10"));
        body.put("currentPosition", 4);
        body.put("sessionTime", new BigDecimal("100"));
        body.put("telemetryHash", TelemetryProof.telemetryHash(TelemetryProof.canonical(new BigDecimal("150")),
                TelemetryProof.canonical(new BigDecimal("6000")), "3", "4", TelemetryProof.canonical(new BigDecimal("100"))));
        return body;
    }

    /**
     * Requests whose target or headers are malformed, on a raw socket: a fixed list of known-bad forms, and
     * for each documented operation its path with one segment replaced by a malformed percent-encoding.
     */
    public List<Runnable> rawCases(List<Operation> operations) {
        String host = raw.hostHeader();
        List<Runnable> cases = new ArrayList<>();
        List<String[]> urls = new ArrayList<>();
        for (String line : List.of("GET /%", "GET /%ZZ", "GET /api/races/%ZZ", "GET /api/%", "PUT /a%2Fb",
                "DELETE /index.html", "DELETE /css/paddock.css", "PUT /index.html", "POST /races.html",
                "GET /api/..%2Fapi/info", "GET /api/races/..%2F", "GET /api/..%2F..%2Findex.html",
                "GET /api/application.wadl", "GET /api/application.wadl?detail=true", "OPTIONS /api/races",
                "OPTIONS /api/info", "OPTIONS *", "TRACE /api/info", "TRACE /", "GET /api/info%00", "GET /api/%00",
                "GET /%00", "GET /api/info?%ZZ=1", "GET /api/races?status=%ZZ", "GET /api/races?status=%00",
                "GET /api/info/../../../etc/passwd", "GET //api//info", "GET /api/./info", "GET /api/info;a=b",
                "GET /api\\info", "GET http://" + host + "/api/info", "GET http://evil.example/api/info",
                "GET /api/" + "a".repeat(20_000), "GET /api/info?x=" + "a".repeat(20_000), "get /api/info",
                "FOO /api/info", "GET /api/races/\u00e9", "GET /api/races/\u00c3\u0028", "GET /api/races/a\u0001b",
                "GET /api/%C0%AF", "GET /api/races/%2e%2e/%2e%2e/index.html", "GET /.well-known/%ZZ",
                "GET /auth/discord?return_to=%ZZ", "GET /api/auth/twitch?return_to=%00")) {
            urls.add(new String[] {line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)});
        }
        List<String> badSegments = List.of("%", "%ZZ", "%00", "a%00b", "%2F", "..%2F..%2F", "%2e%2e", "%C0%AF",
                "%FF%FE", "%u0041", "a%", "%%", "%0D%0AX-Injected:%201", "\u00e9", "\u00ff\u00fe", ";jsessionid=x",
                "%3B", "%5C..%5C", "{x}", "|", "^", "`", "<>", "\"", "%20", "..;", "%252F");
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            SplittableRandom r = random(seed, "raw", i);
            for (int n = 0; n < 4; n++) {
                String path = op.path();
                List<Param> params = op.in("path");
                String bad = BadInputs.pick(badSegments, r);
                if (params.isEmpty()) {
                    path = path + "/" + bad;
                } else {
                    Param broken = BadInputs.pick(params, r);
                    for (Param p : params) {
                        path = path.replace("{" + p.name() + "}", p == broken ? bad : segment(known(op, p.name(), r)));
                    }
                }
                urls.add(new String[] {op.method(), path, op.key()});
            }
        }
        for (String[] url : urls) {
            String method = url[0];
            String requestTarget = url[1];
            String surface = "RAW " + (url.length > 2 ? url[2] : method + " " + Findings.clip(requestTarget, 60));
            Operation op = url.length > 2 ? operations.stream().filter(o -> o.key().equals(url[2])).findFirst().orElse(null)
                    : null;
            String head = method + " " + requestTarget + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close"
                    + (BODY_METHODS.contains(method.toUpperCase(Locale.ROOT)) ? "\r\nContent-Type: application/json"
                            + "\r\nContent-Length: 2" : "");
            byte[] body = BODY_METHODS.contains(method.toUpperCase(Locale.ROOT)) ? "{}".getBytes(StandardCharsets.UTF_8)
                    : null;
            cases.add(() -> {
                findings.sent("raw", Kind.MALFORMED_URL, surface);
                sendRaw(surface, Kind.MALFORMED_URL, method + " " + requestTarget, method, requestTarget, op, head, body);
            });
        }
        String big = "a".repeat(100_000);
        List<String[]> headerCases = List.of(
                new String[] {"GET", "/api/info", "Authorization: Bearer " + big},
                new String[] {"GET", "/api/auth/me", "Authorization: Bearer a\u0000b"},
                new String[] {"GET", "/api/info", "Cookie: paddock_session=" + big},
                new String[] {"GET", "/api/info", "X-Request-Id: " + "r".repeat(10_000)},
                new String[] {"GET", "/api/info", "X-Request-Id: a\u0000b"},
                new String[] {"GET", "/api/info", manyHeaders()},
                new String[] {"GET", "/api/info", "Bad Header: x"},
                new String[] {"GET", "/api/info", "NoColon"},
                new String[] {"GET", "/api/info", "Host: other.example"},
                new String[] {"GET", "/api/races", "Accept: application/xml"},
                new String[] {"GET", "/api/races", "Accept: text/html"},
                new String[] {"GET", "/api/races", "Accept: */*;q=abc"},
                new String[] {"GET", "/api/races", "Accept-Charset: ebcdic"},
                new String[] {"GET", "/api/info", "Authorization: \u00ff\u00fe"},
                new String[] {"GET", "/api/info", "X-Forwarded-For: \u0000, 999.1.1.1"},
                new String[] {"POST", "/api/races", "Content-Type: application/json\r\nContent-Length: abc"},
                new String[] {"POST", "/api/races", "Content-Type: application/json\r\nContent-Length: -1"},
                new String[] {"POST", "/api/races", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
                new String[] {"POST", "/api/auth/login", "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}"},
                new String[] {"POST", "/api/auth/login", "Content-Type: application/json; charset=x-unknown\r\nContent-Length: 2\r\n\r\n{}"},
                new String[] {"POST", "/api/auth/login", "Origin: null\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"});
        for (String[] c : headerCases) {
            String surface = "RAW " + c[0] + " " + c[1] + " (headers)";
            String head = c[0] + " " + c[1] + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + c[2];
            cases.add(() -> {
                findings.sent("raw", Kind.BAD_HEADER, surface);
                Operation op = operations.stream().filter(o -> o.key().equals(c[0] + " " + c[1])).findFirst().orElse(null);
                sendRaw(surface, Kind.BAD_HEADER, c[0] + " " + c[1] + " + " + Findings.clip(c[2], 120), c[0], c[1], op,
                        head, null);
            });
        }
        for (String line : List.of("GET /api/info HTTP/1.0", "GET /api/info HTTP/1.0\r\nAuthorization: Bearer x.y.z")) {
            String surface = "RAW GET /api/info (HTTP/1.0" + (line.contains("Authorization") ? ", bad credential)" : ")");
            cases.add(() -> {
                findings.sent("raw", Kind.BAD_HEADER, surface);
                sendRaw(surface, Kind.BAD_HEADER, line, "GET", "/api/info", null, line, null);
            });
        }
        return cases;
    }

    private static String manyHeaders() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            out.append(i == 0 ? "" : "\r\n").append("X-Fuzz-").append(i).append(": ").append("v".repeat(50));
        }
        return out.toString();
    }
}
