package io.paddock.racing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import io.paddock.testing.BlackBox;
import io.paddock.testing.Http;
import io.paddock.testing.Http.Reply;
import io.paddock.testing.PaddockIT;
import io.paddock.testing.Problems;
import io.paddock.testing.SeedPoolStandIn;

/**
 * Black-box: a race's seed offered as a torrent that Paddock seeds. aria2c (a separate BitTorrent client,
 * run as a process on loopback, DHT, local discovery and peer exchange off) downloads the seed from
 * Paddock's own engine with the .torrent Paddock serves, and what it wrote equals the pool's files byte for
 * byte. aria2c 1.36 ignores a magnet's {@code x.pe}, so a tracker stand-in in this JVM hands it the peer
 * the magnet names. Without aria2c the download is skipped with a warning, unless
 * {@code PADDOCK_REQUIRE_ARIA2=1} (as on CI) makes it fail. A failed download explains itself: whether
 * the magnet's peer answers a handshake for the torrent, and aria2c's output and debug log (kept whole
 * in target/aria2c/).
 */
@PaddockIT
class SeedTorrentIT extends BlackBox {

    static final String SCAN_WHY = "{\"reason\":\"New seeds were copied to the pool\",\"ticketId\":\"OPS-9\"}";
    static final Path ARIA2C = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
            .map(dir -> Path.of(dir, "aria2c")).filter(Files::isExecutable).findFirst().orElse(null);

    Reply post(String path, String body, JsonNode user) {
        return http().send("POST", path, "application/json", body, auth(user));
    }

    /** GETs a link Paddock handed out (made with its public URL) from the test's server. */
    HttpResponse<byte[]> getBytes(String url) throws Exception {
        URI onServer = URI.create(base.toString()).resolve(URI.create(url).getRawPath().substring(1));
        return client.send(HttpRequest.newBuilder(onServer).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A released race on a fresh seed of a pool of its own: the seed's folder and the participant's pack link. */
    record Released(String raceId, Path seed, JsonNode pack, JsonNode organizer, JsonNode admin) {
    }

    Released released(long number) throws IOException {
        Http http = http();
        JsonNode admin = http.newUser("admin");
        JsonNode organizer = http.newUser("user");
        String login = "tor_" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode racer = http.newUser("user", "twitch=" + login);
        String pool = "torrent_" + UUID.randomUUID().toString().substring(0, 8);
        SeedPoolStandIn.addSeed(pool, number);
        Files.createDirectories(SeedPoolStandIn.root().resolve(pool).resolve("consumed"));
        Path seed = SeedPoolStandIn.root().resolve(pool).resolve("available/seed_" + number);
        // Files over several pieces, a nested folder, and the pack's own names (left out of the torrent).
        Random random = new Random(number);
        byte[] big = new byte[700_000];
        random.nextBytes(big);
        Files.write(seed.resolve("mod/big.bin"), big);
        Files.createDirectories(seed.resolve("ModEngine/config"));
        byte[] small = new byte[1234];
        random.nextBytes(small);
        Files.write(seed.resolve("ModEngine/config/engine.dat"), small);
        Files.writeString(seed.resolve("speedfog_race.toml"), "the seed's own toml, never offered");
        Files.writeString(seed.resolve("speedfog_race.dll"), "the seed's own dll, the configured one wins");
        assertEquals(200, post("api/admin/pools/scan", SCAN_WHY, admin).status());
        Reply created = post("api/races", "{\"name\":\"Torrent race\",\"pool_name\":\"" + pool + "\"}", organizer);
        assertEquals(201, created.status(), created.body());
        String raceId = created.json().path("id").asText();
        assertEquals(201, post("api/races/" + raceId + "/participants", "{\"twitch_username\":\"" + login + "\"}",
                organizer).status());
        Reply zips = post("api/races/" + raceId + "/generate-zips", null, organizer);
        assertEquals(200, zips.status(), zips.body());
        Reply mine = http.send("GET", "api/races/" + raceId + "/my-pack", null, null,
                http.bearer(racer.path("accessToken").asText()));
        assertEquals(200, mine.status(), mine.body());
        assertEquals(mine.json().path("magnet").asText(), zips.json().path("downloads").path(0).path("magnet").asText(),
                "the organizer's pack links carry the same magnet");
        return new Released(raceId, seed, mine.json(), organizer, admin);
    }

    /** The files a seed's torrent must hold: every file of the folder but the pack's own, by relative name. */
    static Map<String, byte[]> expectedFiles(Path seed) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(seed)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = seed.relativize(file).toString().replace('\\', '/');
                if (!name.equals("speedfog_race.toml") && !name.equals("speedfog_race.dll")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    static String param(String magnet, String key) {
        for (String pair : magnet.substring(magnet.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(key + "=")) {
                return URLDecoder.decode(pair.substring(key.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void theSeedsTorrentIsMadeOnceOfThePoolsFilesAndGivenToWhoeverHasThePack() throws Exception {
        Released race = released(3101);
        String magnet = race.pack().path("magnet").asText();
        String torrentUrl = race.pack().path("torrent_url").asText();
        assertEquals(race.pack().path("url").asText() + "/torrent", torrentUrl);
        assertTrue(magnet.startsWith("magnet:?xt=urn:btih:"), magnet);
        assertEquals("seed_3101", param(magnet, "dn"));
        assertTrue(param(magnet, "x.pe").matches("127\\.0\\.0\\.1:\\d+"), magnet);

        HttpResponse<byte[]> first = getBytes(torrentUrl);
        assertEquals(200, first.statusCode());
        assertEquals("application/x-bittorrent", first.headers().firstValue("Content-Type").orElse(""));
        assertTrue(first.headers().firstValue("Content-Disposition").orElse("").contains("seed_3101.torrent"));
        Torrent torrent = new MetadataService().fromByteArray(first.body());
        assertEquals(param(magnet, "xt").substring("urn:btih:".length()), torrent.getTorrentId().toString().toLowerCase(java.util.Locale.ROOT));
        assertEquals("seed_3101", torrent.getName());
        Map<String, Long> listed = new TreeMap<>();
        torrent.getFiles().forEach(f -> listed.put(String.join("/", f.getPathElements()), f.getSize()));
        Map<String, Long> expected = new TreeMap<>();
        expectedFiles(race.seed()).forEach((name, bytes) -> expected.put(name, (long) bytes.length));
        assertEquals(expected, listed, "the pack's files of the seed, its own toml and dll left out");
        assertArrayEquals(first.body(), getBytes(torrentUrl).body(), "made once and kept, not made per request");

        // The pack's TOML carries the magnet; the personal config stays in the HTTP pack.
        HttpResponse<byte[]> pack = getBytes(race.pack().path("url").asText());
        assertEquals(200, pack.statusCode());
        String toml = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pack.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().endsWith("/speedfog_race.toml")) {
                    toml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertNotNull(toml);
        assertEquals(magnet, new TomlMapper().readTree(toml).path("torrent").path("magnet").asText(), toml);

        // The pack's refusals hold for its torrent.
        String raceId = race.raceId();
        String token = torrentUrl.replaceAll(".*/download/([0-9a-f]+)/torrent$", "$1");
        Problems.assertProblem(http().get("api/races/" + raceId + "/download/abc123/torrent"), 404,
                "/problems/pack-not-found");
        Problems.assertProblem(http().get("api/races/" + UUID.randomUUID() + "/download/" + token + "/torrent"), 404,
                "/problems/pack-not-found");
        Reply cancelled = post("api/admin/races/" + raceId + "/cancel",
                "{\"reason\":\"Organizer asked support to step in\",\"ticketId\":\"RACE-5\"}", race.admin());
        assertEquals(200, cancelled.status(), cancelled.body());
        Problems.assertProblem(http().get("api/races/" + raceId + "/download/" + token + "/torrent"), 409,
                "/problems/race-state");
    }

    @Test
    void aria2cDownloadsTheSeedFromPaddocksOwnSeederByteForByte() throws Exception {
        if (ARIA2C == null) {
            String message = "aria2c is missing: apt-get install aria2 to fetch a race seed over BitTorrent.";
            if ("1".equals(System.getenv("PADDOCK_REQUIRE_ARIA2"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + " Skipping.");
            Assumptions.abort(message);
        }
        Released race = released(3102);
        String peer = param(race.pack().path("magnet").asText(), "x.pe");
        HttpResponse<byte[]> torrent = getBytes(race.pack().path("torrent_url").asText());
        assertEquals(200, torrent.statusCode());

        Path work = Files.createTempDirectory("paddock-aria2-");
        Path file = Files.write(work.resolve("seed.torrent"), torrent.body());
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        HttpServer tracker = tracker(peer);
        try {
            String announce = "http://127.0.0.1:" + tracker.getAddress().getPort() + "/announce";
            Process aria2 = new ProcessBuilder(ARIA2C.toString(), "--dir=" + downloads, "--enable-dht=false",
                    "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                    "--bt-tracker=" + announce, "--listen-port=" + freePort(), "--seed-time=0",
                    "--bt-stop-timeout=90", "--check-integrity=true", "--file-allocation=none", "--summary-interval=0",
                    "--console-log-level=warn", "--log=" + work.resolve("aria2.log"), "--log-level=debug",
                    file.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("aria2.out").toFile()).start();
            boolean ended = aria2.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                aria2.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (!ended || aria2.exitValue() != 0) {
                fail("aria2c " + (ended ? "exited " + aria2.exitValue() : "did not finish within 120 s")
                        + explanation(work, peer, param(race.pack().path("magnet").asText(), "xt")));
            }
        } finally {
            tracker.stop(0);
        }
        Map<String, byte[]> expected = expectedFiles(race.seed());
        Map<String, byte[]> fetched = expectedFiles(downloads.resolve("seed_3102"));
        assertEquals(expected.keySet(), fetched.keySet(), "the same files, nothing else");
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, fetched.get(name), name + " byte for byte"));
        assertTrue(Files.notExists(downloads.resolve("seed_3102/speedfog_race.toml")));
    }

    /**
     * An HTTP tracker on loopback that answers every announce with one peer, the one the magnet names
     * (compact form; the answer is bencoded with bt-core's bencoding types).
     */
    static HttpServer tracker(String peer) throws IOException {
        int colon = peer.lastIndexOf(':');
        byte[] address = InetAddress.getByName(peer.substring(0, colon)).getAddress();
        int port = Integer.parseInt(peer.substring(colon + 1));
        byte[] compact = {address[0], address[1], address[2], address[3], (byte) (port >> 8), (byte) port};
        Map<String, BEObject<?>> answer = new TreeMap<>();
        answer.put("interval", new BEInteger(5));
        answer.put("peers", new BEString(compact));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        new BEMap(answer).writeTo(body);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/announce", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        });
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Why aria2c did not fetch the seed, for the failure message: whether the peer the magnet names answers
     * a BitTorrent handshake for the torrent now, aria2c's output, its debug log's lines about the tracker
     * and the peer, and where the whole log is kept (target/aria2c/).
     */
    static String explanation(Path work, String peer, String xt) {
        StringBuilder why = new StringBuilder("\nThe peer " + peer + " (x.pe): " + handshake(peer, xt.substring(xt.lastIndexOf(':') + 1)));
        why.append("\naria2c's output:\n").append(tail(work.resolve("aria2.out")));
        try {
            Path kept = Files.createDirectories(Path.of("target/aria2c")).resolve(work.getFileName() + ".log");
            Files.copy(work.resolve("aria2.log"), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            why.append("\naria2c's debug log (all of it: ").append(kept.toAbsolutePath()).append("), the tracker and peer lines:\n");
            StringBuilder lines = new StringBuilder();
            for (String line : Files.readAllLines(kept)) {
                if (line.matches(".*(ERROR|WARN|Exception|[Tt]racker|[Aa]nnounce|[Pp]eer|Connecting|handshake|"
                        + "CUID#\\d+ - (Connecting|Dropping|Closing|Sending)).*") && !line.contains("socket: read:")) {
                    lines.append(line).append('\n');
                }
            }
            why.append(lines.length() > 12_000 ? lines.substring(0, 6_000) + "\n[...]\n"
                    + lines.substring(lines.length() - 6_000) : lines);
        } catch (IOException e) {
            why.append("\naria2c's log cannot be read: ").append(e);
        }
        return why.toString();
    }

    /** Sends a BitTorrent handshake for {@code infoHash} (hex) to {@code peer} and says what came back. */
    static String handshake(String peer, String infoHash) {
        int colon = peer.lastIndexOf(':');
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(peer.substring(0, colon), Integer.parseInt(peer.substring(colon + 1))), 5_000);
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream hello = new ByteArrayOutputStream();
            hello.write(19);
            hello.write("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
            hello.write(new byte[8]);
            hello.write(java.util.HexFormat.of().parseHex(infoHash));
            hello.write("-PT0001-paddocktests".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(hello.toByteArray());
            byte[] answer = socket.getInputStream().readNBytes(68);
            if (answer.length < 68) {
                return "closed the connection after " + answer.length + " bytes of a handshake (not seeding this torrent?)";
            }
            String hash = java.util.HexFormat.of().formatHex(answer, 28, 48);
            return hash.equals(infoHash.toLowerCase(java.util.Locale.ROOT)) ? "answers a handshake for this torrent"
                    : "answers a handshake for another torrent " + hash;
        } catch (java.net.SocketTimeoutException e) {
            return "accepted the connection and did not answer a handshake within 10 s (another program on the port?)";
        } catch (IOException | RuntimeException e) {
            return "cannot be reached: " + e;
        }
    }

    static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "";
        }
    }
}
