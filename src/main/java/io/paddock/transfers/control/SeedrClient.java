package io.paddock.transfers.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.platform.json.Json;

/**
 * Seedr's REST API (v1, HTTP Basic with the account's e-mail and password), the calls the Seedr provider
 * needs: add a magnet ({@code POST /transfer/magnet}), list the root ({@code GET /folder}: transfers still
 * running with their progress, finished ones as folders), list a folder ({@code GET /folder/{id}}), fetch a
 * file ({@code GET /file/{id}}, a redirect to the file's bytes, followed without the credentials) and delete
 * ({@code DELETE /folder/{id}}, {@code DELETE /transfer/{id}}). Every call has a time limit
 * ({@code paddock.transfers.seedr.timeout}): connecting, waiting for an answer, and between two reads of a
 * file's bytes; whatever goes wrong is a {@link SeedrException} whose message says what and where.
 */
@ApplicationScoped
public class SeedrClient {

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "paddock.transfers.seedr.timeout", defaultValue = "PT30S")
    Duration timeout;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private HttpClient http;

    /** Seedr could not do what was asked; the message is shown to the job's owner. */
    public static class SeedrException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public SeedrException(String message) {
            super(message);
        }
    }

    /** A torrent Seedr accepted: its transfer id, title and infohash (as Seedr reports them). */
    public record Added(long transferId, String title, String hash) {
    }

    /** A transfer still running on Seedr: progress in percent (101 once moved to a folder). */
    public record Transfer(long id, String name, String hash, double progress, long size, long downloadRate,
            int peers) {
    }

    /** A folder as listed (id and name), or a file (id, name, size). */
    public record Item(long id, String name, long size) {
    }

    /** What a listing holds: running transfers, folders and files. */
    public record Listing(long id, String name, List<Transfer> transfers, List<Item> folders, List<Item> files) {
    }

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether this node has what it needs to call Seedr. */
    public boolean configured() {
        return baseUrl.filter(s -> !s.isBlank()).isPresent() && username.filter(s -> !s.isBlank()).isPresent()
                && password.isPresent();
    }

    public Added addMagnet(String magnet) {
        JsonNode body = json("POST", "/transfer/magnet", form("magnet", magnet));
        JsonNode result = body.path("result");
        if ((result.isBoolean() && !result.asBoolean()) || (result.isTextual() && !"true".equals(result.asText()))
                || body.hasNonNull("error")) {
            throw new SeedrException("Seedr refused the torrent: "
                    + body.path("error").asText(result.isTextual() ? result.asText() : "no reason given") + ".");
        }
        long id = body.path("user_torrent_id").asLong(body.path("id").asLong(-1));
        if (id < 0) {
            throw new SeedrException("Seedr accepted the torrent but named no transfer id.");
        }
        return new Added(id, body.path("title").asText(""), body.path("torrent_hash").asText(""));
    }

    public Listing root() {
        return listing(json("GET", "/folder", null));
    }

    public Listing folder(long id) {
        return listing(json("GET", "/folder/" + id, null));
    }

    public void deleteFolder(long id) {
        json("DELETE", "/folder/" + id, null);
    }

    public void deleteTransfer(long id) {
        json("DELETE", "/transfer/" + id, null);
    }

    /**
     * Writes a file's bytes to {@code out}, telling {@code progress} the bytes written so far; stops (with an
     * exception) when {@code stopped} says so or when no byte arrived for the time limit. Seedr answers with a
     * redirect to where the bytes are; the credentials are not sent there.
     */
    public long download(long fileId, OutputStream out, LongConsumer progress, BooleanSupplier stopped) {
        String what = "GET /file/" + fileId;
        HttpResponse<InputStream> response = send(request("GET", "/file/" + fileId, null), what,
                HttpResponse.BodyHandlers.ofInputStream());
        for (int hops = 0; response.statusCode() / 100 == 3 && hops < 5; hops++) {
            close(response.body());
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new SeedrException("Seedr redirected " + what + " nowhere."));
            URI next = response.uri().resolve(location);
            response = send(HttpRequest.newBuilder(next).timeout(timeout).GET().build(), what,
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        if (response.statusCode() != 200) {
            close(response.body());
            throw status(response.statusCode(), what);
        }
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        InputStream in = response.body();
        ScheduledExecutorService timer = scheduler;
        ScheduledFuture<?> watchdog = timer.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastRead.get() > timeout.toNanos()) {
                close(in);
            }
        }, 1, 1, TimeUnit.SECONDS);
        long total = 0;
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (stopped.getAsBoolean()) {
                    throw new SeedrException("Stopped while fetching a file from Seedr.");
                }
                lastRead.set(System.nanoTime());
                out.write(buffer, 0, n);
                total += n;
                progress.accept(total);
            }
        } catch (IOException e) {
            if (System.nanoTime() - lastRead.get() > timeout.toNanos()) {
                throw new SeedrException("Seedr sent nothing for " + timeout.toSeconds() + " s while " + what
                        + " was under way.");
            }
            throw new SeedrException("Fetching a file from Seedr failed (" + what + "): " + message(e));
        } finally {
            watchdog.cancel(false);
        }
        return total;
    }

    private JsonNode json(String method, String path, String form) {
        String what = method + " " + path;
        HttpResponse<String> response = send(request(method, path, form), what,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw status(response.statusCode(), what);
        }
        try {
            String body = response.body();
            return body == null || body.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new SeedrException("Seedr answered " + what + " with something that is not JSON.");
        }
    }

    private HttpRequest request(String method, String path, String form) {
        if (!configured()) {
            throw new SeedrException("Seedr is not configured on this node (paddock.transfers.seedr.base-url, "
                    + "username and password).");
        }
        String base = baseUrl.orElseThrow().strip();
        URI uri;
        try {
            uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        } catch (IllegalArgumentException e) {
            throw new SeedrException("paddock.transfers.seedr.base-url is not a URL: " + base);
        }
        String credentials = Base64.getEncoder().encodeToString(
                (username.orElseThrow().strip() + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Basic " + credentials).header("Accept", "application/json");
        if (form != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, String what, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new SeedrException("Seedr did not answer within " + timeout.toSeconds() + " s (" + what + ").");
        } catch (ConnectException e) {
            throw new SeedrException("Seedr could not be reached (" + what + "): " + message(e));
        } catch (IOException e) {
            throw new SeedrException("Seedr could not be reached (" + what + "): " + message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeedrException("Interrupted while calling Seedr (" + what + ").");
        }
    }

    private static SeedrException status(int status, String what) {
        if (status == 401 || status == 403) {
            return new SeedrException("Seedr refused the configured credentials (HTTP " + status + " to " + what + ").");
        }
        return new SeedrException("Seedr answered HTTP " + status + " to " + what + ".");
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // closing to abort: nothing more to do
        }
    }

    private static String form(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A listing, read leniently: public clients of the API disagree on a few names (a transfer's progress may
     * be a number or a string; a file's id may be {@code id} or {@code folder_file_id}).
     */
    static Listing listing(JsonNode body) {
        List<Transfer> transfers = new ArrayList<>();
        for (JsonNode t : body.path("torrents")) {
            transfers.add(new Transfer(t.path("id").asLong(-1), t.path("name").asText(""),
                    t.path("hash").asText(t.path("torrent_hash").asText("")), number(t.path("progress")),
                    (long) number(t.path("size")), (long) number(t.path("download_rate")),
                    (int) (number(t.path("seeders")) + number(t.path("leechers")))));
        }
        List<Item> folders = new ArrayList<>();
        for (JsonNode f : body.path("folders")) {
            folders.add(new Item(f.path("id").asLong(-1), f.path("name").asText(""), (long) number(f.path("size"))));
        }
        List<Item> files = new ArrayList<>();
        for (JsonNode f : body.path("files")) {
            long id = f.has("folder_file_id") ? f.path("folder_file_id").asLong(-1) : f.path("id").asLong(-1);
            files.add(new Item(id, f.path("name").asText(""), (long) number(f.path("size"))));
        }
        return new Listing(body.path("id").asLong(body.path("folder_id").asLong(0)), body.path("name").asText(""),
                transfers, folders, files);
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return node.isTextual() ? Double.parseDouble(node.asText().strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
