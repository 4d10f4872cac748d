package io.paddock.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Seedr's REST API (v1) on loopback, in the shapes its public clients read: HTTP Basic with the account's
 * e-mail and password; {@code POST /transfer/magnet} (form field {@code magnet}) answers
 * {@code {result, code, user_torrent_id, title, torrent_hash}}; {@code GET /folder} lists the root
 * ({@code torrents} still downloading with {@code progress}, {@code folders}, {@code files}, space used);
 * {@code GET /folder/{id}} a folder (files with {@code folder_file_id}); {@code GET /file/{id}} redirects to
 * the bytes; {@code DELETE /folder/{id}} and {@code DELETE /transfer/{id}}.
 * <p>
 * Tests {@link #offer} a torrent's files under its infohash: once added, each root listing moves the
 * transfer {@link #STEP} percent further, and at 100 % it becomes a folder named after the torrent. A torrent
 * not offered stays at 0 %. {@link #hang} makes every call wait without answering, as a Seedr that is down
 * behind a load balancer does.
 */
public final class FakeSeedr implements StandIns.StandIn {

    public static final String USERNAME = "paddock@seedr.test";
    public static final String PASSWORD = "seedr stand-in password";
    public static final int STEP = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(1000);
    private static final Map<String, Offer> OFFERS = new ConcurrentHashMap<>();
    private static final Map<Long, Transfer> TRANSFERS = new ConcurrentHashMap<>();
    private static final Map<Long, Folder> FOLDERS = new ConcurrentHashMap<>();
    private static final Map<Long, byte[]> FILES = new ConcurrentHashMap<>();
    private static final Map<String, Long> CDN = new ConcurrentHashMap<>();
    private static final List<String> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    private static volatile CountDownLatch hang;
    private static volatile boolean cdnSawCredentials;

    private record Offer(String name, Map<String, byte[]> files) {
    }

    private static final class Transfer {
        final long id;
        final String hash;
        final Offer offer;
        int progress;

        Transfer(long id, String hash, Offer offer) {
            this.id = id;
            this.hash = hash;
            this.offer = offer;
        }
    }

    private record Folder(long id, String name, Map<String, Long> folders, Map<String, Long> files) {
    }

    @Override
    public Map<String, String> install(HttpServer server, String baseUrl) {
        FakeOAuthProvider.handle(server, "/seedr/rest/", this::api);
        FakeOAuthProvider.handle(server, "/seedr/cdn/", this::cdn);
        return Map.of("paddock.transfers.seedr.base-url", baseUrl + "/seedr/rest",
                "paddock.transfers.seedr.username", USERNAME,
                "paddock.transfers.seedr.password", PASSWORD,
                "paddock.transfers.seedr.poll-interval", "PT0.3S",
                "paddock.transfers.seedr.timeout", "PT3S");
    }

    /** What Seedr downloads for a magnet of this infohash: the torrent's name and its files by path. */
    public static void offer(String infoHash, String name, Map<String, byte[]> files) {
        OFFERS.put(infoHash.toLowerCase(java.util.Locale.ROOT), new Offer(name, new TreeMap<>(files)));
    }

    /** Every call from now on waits, unanswered, until {@link #recover}. */
    public static void hang() {
        hang = new CountDownLatch(1);
    }

    public static void recover() {
        CountDownLatch h = hang;
        hang = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** The calls seen so far ("METHOD /path", and "magnet <infohash>" for each magnet added), oldest first. */
    public static List<String> requests() {
        synchronized (REQUESTS) {
            return List.copyOf(REQUESTS);
        }
    }

    /** Whether the redirect target of a file ever received Seedr's credentials (it must not). */
    public static boolean cdnSawCredentials() {
        return cdnSawCredentials;
    }

    /** How many transfers and folders Seedr holds (what Paddock left there). */
    public static int held() {
        return TRANSFERS.size() + (int) FOLDERS.values().stream().filter(f -> f.name() != null).count();
    }

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/seedr/rest".length());
        String method = exchange.getRequestMethod();
        REQUESTS.add(method + " " + path);
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Seedr\"");
            send(exchange, 401, JSON.createObjectNode().put("result", false).put("error", "login_required"));
            return;
        }
        if (method.equals("POST") && path.equals("/transfer/magnet")) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String magnet = form.getOrDefault("magnet", "");
            int at = magnet.toLowerCase(java.util.Locale.ROOT).indexOf("urn:btih:");
            if (at < 0) {
                send(exchange, 200, JSON.createObjectNode().put("result", "parsing_error").put("code", 400));
                return;
            }
            String hash = magnet.substring(at + 9, Math.min(magnet.length(), at + 49)).toLowerCase(java.util.Locale.ROOT);
            REQUESTS.add("magnet " + hash);
            Offer offer = OFFERS.get(hash);
            long id = IDS.incrementAndGet();
            TRANSFERS.put(id, new Transfer(id, hash, offer));
            send(exchange, 200, JSON.createObjectNode().put("result", true).put("code", 200).put("user_torrent_id", id)
                    .put("title", offer == null ? hash : offer.name()).put("torrent_hash", hash));
        } else if (method.equals("GET") && (path.equals("/folder") || path.equals("/folder/"))) {
            send(exchange, 200, root());
        } else if (method.equals("GET") && path.startsWith("/folder/")) {
            Folder folder = FOLDERS.get(id(path));
            if (folder == null) {
                send(exchange, 404, JSON.createObjectNode().put("result", false).put("error", "not_found"));
                return;
            }
            send(exchange, 200, listing(folder));
        } else if (method.equals("GET") && path.startsWith("/file/")) {
            long id = id(path);
            if (!FILES.containsKey(id)) {
                send(exchange, 404, JSON.createObjectNode().put("result", false).put("error", "not_found"));
                return;
            }
            String token = UUID.randomUUID().toString();
            CDN.put(token, id);
            String host = "http://" + exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
            exchange.getResponseHeaders().add("Location", host + "/seedr/cdn/" + token);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        } else if (method.equals("DELETE") && path.startsWith("/folder/")) {
            delete(id(path));
            send(exchange, 200, JSON.createObjectNode().put("result", true));
        } else if (method.equals("DELETE") && path.startsWith("/transfer/")) {
            TRANSFERS.remove(id(path));
            send(exchange, 200, JSON.createObjectNode().put("result", true));
        } else {
            send(exchange, 404, JSON.createObjectNode().put("result", false).put("error", "no such call"));
        }
    }

    private void cdn(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().containsKey("Authorization")) {
            cdnSawCredentials = true;
        }
        String token = exchange.getRequestURI().getPath().substring("/seedr/cdn/".length());
        Long id = CDN.remove(token);
        byte[] bytes = id == null ? null : FILES.get(id);
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The root: transfers move on by one step per listing; a finished one becomes a folder. */
    private static synchronized ObjectNode root() {
        ObjectNode root = JSON.createObjectNode().put("space_max", 5_368_709_120L).put("folder_id", 0)
                .put("fullname", "").put("type", "folder");
        ArrayNode torrents = root.putArray("torrents");
        for (Transfer t : new ArrayList<>(TRANSFERS.values())) {
            if (t.offer != null && t.progress >= 100) {
                TRANSFERS.remove(t.id);
                finish(t);
                continue;
            }
            torrents.addObject().put("id", t.id).put("name", t.offer == null ? t.hash : t.offer.name())
                    .put("folder", "/").put("size", t.offer == null ? 0 : size(t.offer)).put("hash", t.hash)
                    .put("progress", Integer.toString(t.progress)).put("download_rate", 1_048_576)
                    .put("seeders", 3).put("leechers", 1).put("last_update", "2026-01-01 00:00:00");
            if (t.offer != null) {
                t.progress = Math.min(100, t.progress + STEP);
            }
        }
        ArrayNode folders = root.putArray("folders");
        for (Folder f : FOLDERS.values()) {
            if (f.name() != null) {
                folders.addObject().put("id", f.id()).put("name", f.name()).put("fullname", f.name())
                        .put("size", 0).put("last_update", "2026-01-01 00:00:00");
            }
        }
        root.putArray("files");
        root.put("space_used", 0);
        return root;
    }

    /** The torrent's files as Seedr keeps them: a folder of its name, sub-folders as in the paths. */
    private static void finish(Transfer t) {
        Folder top = folder(t.offer.name(), true);
        for (Map.Entry<String, byte[]> e : t.offer.files().entrySet()) {
            String[] parts = e.getKey().split("/");
            Folder at = top;
            for (int i = 0; i < parts.length - 1; i++) {
                Long sub = at.folders().get(parts[i]);
                if (sub == null) {
                    Folder created = folder(parts[i], false);
                    at.folders().put(parts[i], created.id());
                    at = created;
                } else {
                    at = FOLDERS.get(sub);
                }
            }
            long fileId = IDS.incrementAndGet();
            FILES.put(fileId, e.getValue());
            at.files().put(parts[parts.length - 1], fileId);
        }
    }

    /** A folder; only top ones are listed in the root (the others have their name in their parent). */
    private static Folder folder(String name, boolean top) {
        long id = IDS.incrementAndGet();
        Folder f = new Folder(id, top ? name : null, new LinkedHashMap<>(), new LinkedHashMap<>());
        FOLDERS.put(id, f);
        if (!top) {
            NAMES.put(id, name);
        }
        return f;
    }

    private static final Map<Long, String> NAMES = new ConcurrentHashMap<>();

    private static ObjectNode listing(Folder folder) {
        String name = folder.name() != null ? folder.name() : NAMES.getOrDefault(folder.id(), "");
        ObjectNode out = JSON.createObjectNode().put("id", folder.id()).put("name", name).put("fullname", name)
                .put("type", "folder");
        ArrayNode folders = out.putArray("folders");
        folder.folders().forEach((n, id) -> folders.addObject().put("id", id).put("name", n).put("fullname", name + "/" + n)
                .put("size", 0));
        ArrayNode files = out.putArray("files");
        folder.files().forEach((n, id) -> files.addObject().put("folder_file_id", id).put("folder_id", folder.id())
                .put("name", n).put("size", FILES.get(id).length).put("hash", "stand-in-" + id)
                .put("last_update", "2026-01-01 00:00:00"));
        out.putArray("torrents");
        return out;
    }

    private static void delete(long folderId) {
        Folder f = FOLDERS.remove(folderId);
        if (f == null) {
            return;
        }
        f.files().values().forEach(FILES::remove);
        f.folders().values().forEach(FakeSeedr::delete);
    }

    private static long size(Offer offer) {
        return offer.files().values().stream().mapToLong(b -> b.length).sum();
    }

    private static long id(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            return Long.parseLong(last);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
