package io.paddock.discord.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.platform.json.Json;

/**
 * A gateway worker's link to its hub ({@code paddock.discord.bot.mode=worker}): each event is posted,
 * signed, to {@code {hub-url}/api/internal/events}, one at a time in the order the gateway delivered them.
 * A refused or failed post is logged and not retried (voice presence heals on the next join or leave).
 */
@ApplicationScoped
public class HubClient {

    private static final Logger LOG = Logger.getLogger(HubClient.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    BotSettings settings;

    @Inject
    Clock clock;

    private ExecutorService sender;
    private HttpClient http;

    private synchronized ExecutorService sender() {
        if (sender == null) {
            sender = Executors.newSingleThreadExecutor(threads == null ? Executors.defaultThreadFactory() : threads);
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(sender).build();
        }
        return sender;
    }

    @PreDestroy
    synchronized void stop() {
        if (sender != null) {
            sender.shutdownNow();
        }
    }

    /** The body a worker posts for an event (the browser envelope without hub-side additions). */
    public static String body(DiscordEvent event, long ts) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("guildId", event.guildId());
        payload.put("channelId", event.channelId());
        if (event.userId() != null) {
            payload.put("userId", event.userId());
        }
        if (event.name() != null) {
            payload.put("name", event.name());
        }
        return LiveEvents.envelope("event", event.event(), payload, ts);
    }

    public void post(DiscordEvent event) {
        if (settings.hubUrl().isEmpty() || settings.hmacSecret().isEmpty()) {
            LOG.warning("A gateway worker needs paddock.discord.bot.hub-url and paddock.discord.bot.hmac-secret; "
                    + "event dropped: " + event.event());
            return;
        }
        String hub = settings.hubUrl().get();
        byte[] secret = settings.hmacSecret().get();
        sender().execute(() -> {
            String body = body(event, clock.millis());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String ts = Long.toString(clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                    (hub.endsWith("/") ? hub.substring(0, hub.length() - 1) : hub) + "/api/internal/events"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header(EventSignatures.TIMESTAMP_HEADER, ts)
                    .header(EventSignatures.SIGNATURE_HEADER, "sha256=" + EventSignatures.sign(secret, ts, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    LOG.warning(() -> "The hub refused " + event.event() + ": " + response.statusCode() + " "
                            + response.body());
                }
            } catch (java.io.IOException e) {
                LOG.log(Level.WARNING, "Could not post " + event.event() + " to the hub " + hub, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
