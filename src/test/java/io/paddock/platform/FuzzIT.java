package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.fuzz.Findings;
import io.paddock.testing.fuzz.HttpFuzz;
import io.paddock.testing.fuzz.OpenApi;
import io.paddock.testing.fuzz.SocketFuzz;
import io.paddock.testing.fuzz.Target;

/**
 * Black-box fuzzing: generated bad input to every operation of the OpenAPI document and to every
 * message type of the racing sockets, as an anonymous caller and as an admin (and signed, for the
 * plugin's signed endpoints). Fails on any 5xx, any answer under {@code /api} outside problem+json
 * (or JSON for a success), and any socket closed with a code the racing documentation does not list;
 * the failure lists every distinct failure class once (see {@link Findings}).
 * <p>
 * Deterministic: the inputs follow from the seed ({@code -Dpaddock.fuzz.seed=<n>} explores others) and
 * the counts below; docs/operations.md, "Fuzz test", says how to run it and what it checks.
 */
@PaddockIT
class FuzzIT extends BlackBox {

    static final long SEED = Long.getLong("paddock.fuzz.seed", 20_261_201L);
    static final int HTTP_INPUTS = Integer.getInteger("paddock.fuzz.http-inputs", 6_000);
    static final int MOD_MESSAGES = Integer.getInteger("paddock.fuzz.mod-messages", 3_000);
    static final int MOD_SHORT_CONNECTIONS = Integer.getInteger("paddock.fuzz.mod-connections", 100);
    static final int SPECTATOR_MESSAGES = Integer.getInteger("paddock.fuzz.spectator-messages", 1_500);
    static final int MOD_SOCKETS = 12;

    @Test
    void generatedBadInputGetsNo5xxNoAnswerOutsideProblemJsonAndNoUndocumentedSocketClose() throws Exception {
        Http http = new Http(base);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        Reply document = http.get("openapi", "Accept", "application/json");
        assertEquals(200, document.status(), document.body());
        OpenApi api = new OpenApi(document.json());
        List<OpenApi.Operation> operations = new ArrayList<>();
        for (OpenApi.Operation op : api.operations()) {
            if (!op.path().startsWith("/api/test-")) {
                operations.add(op);
            }
        }
        Set<String> keys = new TreeSet<>();
        operations.forEach(op -> keys.add(op.key()));
        assertTrue(operations.size() >= 40 && keys.contains("POST /api/races") && keys.contains("GET /api/info"),
                "the OpenAPI document lists Paddock's operations: " + keys);

        Target target = setUp(http);
        Findings findings = new Findings();
        HttpFuzz httpFuzz = new HttpFuzz(target, api, operations, findings, SEED, client);
        SocketFuzz sockets = new SocketFuzz(target, findings, SEED, client);
        int inputs = Math.max(HTTP_INPUTS, httpFuzz.pairs().size());

        long started = System.nanoTime();
        ExecutorService socketThreads = Executors.newFixedThreadPool(MOD_SOCKETS + 4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < MOD_SOCKETS; i++) {
            int connection = i;
            running.add(socketThreads.submit(() -> sockets.mod(connection, target.modTokens().get(connection),
                    MOD_MESSAGES / MOD_SOCKETS)));
        }
        running.add(socketThreads.submit(() -> sockets.modShort(MOD_SHORT_CONNECTIONS)));
        for (int part = 0; part < 3; part++) {
            int spectatorPart = part;
            running.add(socketThreads.submit(() -> sockets.spectators(SPECTATOR_MESSAGES, spectatorPart, 3)));
        }

        // A few threads on one keep-alive client: the machine is small and shared.
        ExecutorService httpThreads = Executors.newFixedThreadPool(3);
        AtomicInteger next = new AtomicInteger();
        List<Runnable> raw = httpFuzz.rawCases(operations);
        AtomicInteger nextRaw = new AtomicInteger();
        for (int t = 0; t < 3; t++) {
            running.add(httpThreads.submit(() -> {
                for (int i = next.getAndIncrement(); i < inputs; i = next.getAndIncrement()) {
                    sendGuarded(httpFuzz, i, findings);
                }
                for (int i = nextRaw.getAndIncrement(); i < raw.size(); i = nextRaw.getAndIncrement()) {
                    raw.get(i).run();
                }
            }));
        }
        List<String> phases = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            running.get(i).get(10, TimeUnit.MINUTES);
            phases.add(((System.nanoTime() - started) / 1_000_000_000L) + " s");
        }
        socketThreads.shutdownNow();
        httpThreads.shutdownNow();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        String summary = "Fuzz seed " + SEED + ", " + seconds + " s (tasks done at " + phases + ": mod sockets, short mod"
                + " connections, spectators, HTTP), " + operations.size() + " documented operations\n" + findings.counts()
                + findings.containerAnswers();
        System.out.println(summary);
        System.out.println(findings.report());
        Set<String> reached = findings.surfaces();
        List<String> missed = keys.stream().filter(k -> !reached.contains(k)).toList();
        assertTrue(missed.isEmpty(), "every documented operation gets input; missed " + missed);
        assertTrue(findings.total() >= 10_000, summary);
        assertTrue(findings.clean(), summary + findings.report());
    }

    /** A generated input whose sending fails in the test itself (not the server) is a test bug, reported as one. */
    private static void sendGuarded(HttpFuzz fuzz, int index, Findings findings) {
        try {
            fuzz.send(index);
        } catch (RuntimeException e) {
            findings.fail("(test) input " + index, io.paddock.testing.fuzz.Kind.WRONG_TYPE, "generator failed",
                    String.valueOf(index), e.toString());
        }
    }

    /**
     * The admin, a target race for path parameters (draft, one participant, one pending invite), a running
     * race with a participant per mod socket and one spare, and a plugin installation.
     */
    private Target setUp(Http http) {
        JsonNode admin = http.newUser("admin");
        String[] auth = http.bearer(admin.path("accessToken").asText());
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        String targetRace = createRace(http, auth, "Fuzz target");
        String member = "fuzz_member_" + suffix;
        http.newUser("user", "twitch=" + member);
        Reply added = post(http, "api/races/" + targetRace + "/participants", "{\"twitch_username\":\"" + member + "\"}", auth);
        assertEquals(201, added.status(), added.body());
        Reply invited = post(http, "api/races/" + targetRace + "/participants",
                "{\"twitch_username\":\"fuzz_guest_" + suffix + "\"}", auth);
        assertEquals(201, invited.status(), invited.body());
        Map<String, String> known = new HashMap<>();
        known.put("raceId", targetRace);
        known.put("race_id", targetRace);
        known.put("participantId", added.json().path("participant").path("id").asText());
        known.put("token", invited.json().path("invite").path("token").asText());

        String socketRace = createRace(http, auth, "Fuzz sockets");
        List<String> logins = new ArrayList<>();
        for (int i = 0; i <= MOD_SOCKETS; i++) {
            String login = "fuzz_mod" + i + "_" + suffix;
            http.newUser("user", "twitch=" + login);
            Reply joined = post(http, "api/races/" + socketRace + "/participants", "{\"twitch_username\":\"" + login
                    + "\"}", auth);
            assertEquals(201, joined.status(), joined.body());
            logins.add(login);
        }
        assertEquals(200, post(http, "api/races/" + socketRace + "/open", null, auth).status());
        Reply zips = post(http, "api/races/" + socketRace + "/generate-zips", null, auth);
        assertEquals(200, zips.status(), zips.body());
        Map<String, String> tokenOf = new HashMap<>();
        for (JsonNode d : zips.json().path("downloads")) {
            String url = d.path("url").asText();
            tokenOf.put(d.path("twitch_username").asText(), url.substring(url.lastIndexOf('/') + 1));
        }
        List<String> modTokens = logins.stream().map(tokenOf::get).toList();
        Instant now = clock(http, 0);
        Reply start = post(http, "api/races/" + socketRace + "/start", "{\"scheduled_start\":\"" + now.plusSeconds(30)
                + "\"}", auth);
        assertEquals(200, start.status(), start.body());
        Instant moved = clock(http, 31);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!http.get("api/races/" + socketRace).json().path("status").asText().equals("running")) {
            assertTrue(System.nanoTime() < deadline, "the socket race starts running");
            sleep(200);
        }

        String installation = "fuzz-" + suffix;
        Reply registered = post(http, "api/plugin/installations", "{\"installationId\":\"" + installation
                + "\",\"pluginVersion\":\"1.0.0\",\"simPlatform\":\"iRacing\"}", auth);
        assertTrue(registered.status() == 201 || registered.status() == 200, registered.body());
        byte[] secret = registered.json().path("secret").asText().getBytes(StandardCharsets.UTF_8);

        return new Target(URI.create(base.toString()), admin.path("accessToken").asText(),
                admin.path("apiKey").asText(), admin.path("userId").asText(), Map.copyOf(known), installation, secret,
                moved.getEpochSecond(), System.nanoTime(), socketRace, modTokens.subList(0, MOD_SOCKETS),
                modTokens.get(MOD_SOCKETS));
    }

    private static String createRace(Http http, String[] auth, String name) {
        Reply created = post(http, "api/races", "{\"name\":\"" + name + "\",\"pool_name\":\"standard\"}", auth);
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private static Reply post(Http http, String path, String body, String[] auth) {
        return http.send("POST", path, body == null ? null : "application/json", body, auth);
    }

    private static Instant clock(Http http, long advanceSeconds) {
        Reply reply = http.send("POST", "api/test-support/clock/advance?seconds=" + advanceSeconds, null, null);
        assertEquals(200, reply.status(), reply.body());
        return Instant.parse(reply.json().asText());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
