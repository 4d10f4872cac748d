package io.paddock.discord.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.paddock.platform.cluster.Leadership;
import io.paddock.testing.FakeDiscordGateway;

/**
 * The bot holds its gateway session only while this node holds the cluster lease: JDA against the
 * Discord stand-in on loopback, with a {@link Leadership} whose answer the test sets. Without the lease
 * nothing connects; given it, the bot identifies and is ready; losing it closes the session (standby);
 * getting it back starts a new one.
 */
class DiscordBotLeaseTest {

    final AtomicBoolean lease = new AtomicBoolean();
    final AtomicInteger leaseLooks = new AtomicInteger();
    HttpServer http;
    FakeDiscordGateway discord;
    DiscordBot bot;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        discord = new FakeDiscordGateway();
        Map<String, String> config = discord.install(http, "http://127.0.0.1:" + http.getAddress().getPort());
        http.start();

        BotSettings settings = new BotSettings();
        settings.token = Optional.of(FakeDiscordGateway.TOKEN);
        settings.guildId = Optional.of(FakeDiscordGateway.GUILD_ID);
        settings.apiBase = config.get("paddock.discord.bot.api-base");
        settings.gatewayUrl = config.get("paddock.discord.bot.gateway-url");
        settings.appUrl = config.get("paddock.discord.bot.app-url");
        settings.mode = "bot";
        settings.raceRooms = true;
        settings.raceRoomParentId = Optional.empty();
        settings.gracePeriod = Duration.ofMinutes(15);
        settings.hmacSecret = Optional.empty();
        settings.hubUrl = Optional.empty();

        bot = new DiscordBot();
        bot.settings = settings;
        bot.presence = new Presence();
        bot.clock = Clock.systemUTC();
        bot.leadership = new Leadership() {
            @Override
            public boolean leading() {
                leaseLooks.incrementAndGet();
                return lease.get();
            }
        };
    }

    @AfterEach
    void stop() {
        bot.stop();
        http.stop(0);
    }

    @Test
    void connectsOnlyWhileThisNodeHoldsTheLease() {
        bot.atStartup(new Object());
        // The watcher has looked at the lease several times: not once did the bot connect.
        FakeDiscordGateway.await("the watcher to look at the lease", () -> leaseLooks.get() >= 4);
        assertEquals(BotStatus.STANDBY, bot.status().state());
        assertEquals(DiscordBot.STANDBY_REASON, bot.status().reason());
        assertEquals(0, discord.counters().connections.get(), "no gateway connection without the lease");
        assertEquals(0, discord.counters().identifies.get());

        lease.set(true);
        FakeDiscordGateway.await("the bot to identify once it holds the lease", discord::identifiedAndLive);
        FakeDiscordGateway.await("the bot to be ready", () -> bot.status().ready());
        assertEquals(1, discord.counters().identifies.get());
        assertEquals(1, bot.status().sessions());

        lease.set(false);
        FakeDiscordGateway.await("the session to close once the lease is lost", () -> !discord.identifiedAndLive());
        assertEquals(BotStatus.STANDBY, bot.status().state());
        assertNull(bot.status().botUser(), "no session left on this node");

        lease.set(true);
        FakeDiscordGateway.await("a new session once the lease is back", () -> bot.status().ready());
        assertEquals(2, discord.counters().identifies.get(), "a new identify, not a resume of the old session");
        assertFalse(discord.counters().resumes.get() > 0);
    }
}
