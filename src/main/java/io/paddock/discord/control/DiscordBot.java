package io.paddock.discord.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.paddock.platform.cluster.Leadership;
import io.paddock.platform.errors.ConflictException;
import io.paddock.platform.errors.InvalidRequestException;
import io.paddock.platform.errors.ServiceUnavailableException;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.GuildVoiceState;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.entities.channel.middleman.AudioChannel;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.guild.voice.GuildVoiceUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The bot's Discord Gateway session, held by JDA: intents GUILDS and GUILD_VOICE_STATES, one configured
 * guild, every address from {@link BotSettings}. JDA identifies, heartbeats, detects zombie connections,
 * resumes on its {@code resume_gateway_url}, identifies again after an invalid session, backs off, and
 * honours 429s with {@code retry_after}; this class maps its events to {@link DiscordEvent}s, keeps the
 * session's {@link BotStatus} and makes the few REST calls rooms need, each with an audit-log reason.
 * <p>
 * Inside the server JDA runs on executors built on the container's {@link ManagedThreadFactory} (JDA
 * calls lifecycle methods on its executors, which a managed executor service refuses), without a JVM
 * shutdown hook; {@link #stop} shuts it down on undeploy. (The WebSocket library's reader and writer and
 * JDA's identify queue start plain threads of their own; they end with the session.)
 * <p>
 * Once per cluster: the session runs only while this node holds the cluster lease ({@link Leadership};
 * alone, a node always holds it). A watcher looks at the lease every {@link #LEASE_CHECK}: the node that
 * gets it logs in, a node that loses it shuts its session down (state {@code standby}), so a bot never
 * holds two gateway sessions for long and moves to another node within one lease when its holder dies.
 */
@ApplicationScoped
public class DiscordBot {

    private static final Logger LOG = Logger.getLogger(DiscordBot.class.getName());
    private static final Duration REST_TIMEOUT = Duration.ofSeconds(30);
    /** How often the lease is looked at: well under a tenth of the shortest sensible lease. */
    static final Duration LEASE_CHECK = Duration.ofMillis(500);
    static final String STANDBY_REASON = "Another node of the cluster holds the lease; the bot's session runs there.";

    @Resource
    ManagedThreadFactory threads;

    @Inject
    BotSettings settings;

    @Inject
    LiveEvents live;

    @Inject
    Presence presence;

    @Inject
    Clock clock;

    @Inject
    Leadership leadership;

    private volatile JDA jda;
    private volatile String state = BotStatus.OFF;
    private volatile String reason = "No bot token is configured (paddock.discord.bot.token).";
    private volatile Instant since = Instant.now();
    private volatile boolean everReady;
    private volatile boolean stopping;
    /** Whether this node wants a session (it holds the lease): guarded by this. */
    private boolean sessionWanted;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    /** Which session the listener's events belong to: events of a session this node gave up are ignored. */
    private final AtomicLong generation = new AtomicLong();
    private ScheduledExecutorService starter;

    /**
     * Starts following the cluster lease once the application is up: the session starts in the
     * background while this node holds it (a failed login never blocks startup).
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (settings.mode() == BotSettings.Mode.HUB) {
            off("This node is a hub: a gateway worker elsewhere holds the session (paddock.discord.bot.mode=hub).");
            return;
        }
        if (settings.token().isEmpty()) {
            off("No bot token is configured (paddock.discord.bot.token).");
            return;
        }
        if (settings.guildId().isEmpty()) {
            off("No guild is configured (paddock.discord.bot.guild-id).");
            return;
        }
        starter = Executors.newSingleThreadScheduledExecutor(factory());
        followLease();
        starter.scheduleWithFixedDelay(this::followLeaseQuietly, LEASE_CHECK.toMillis(), LEASE_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void followLeaseQuietly() {
        try {
            followLease();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The Discord bot could not follow the cluster lease", e);
        }
    }

    /**
     * Starts the session when this node holds the lease and has none, shuts it down when it no longer
     * holds it. Runs on the starter's one thread (and once at startup, before the watcher exists).
     */
    void followLease() {
        JDA given;
        synchronized (this) {
            if (stopping) {
                return;
            }
            boolean leading = leadership == null || leadership.leading();
            if (leading && !sessionWanted) {
                sessionWanted = true;
                everReady = false;
                moveTo(BotStatus.CONNECTING, null);
                long session = generation.incrementAndGet();
                starter.execute(() -> start(session));
            }
            if (leading) {
                return;
            }
            if (!BotStatus.STANDBY.equals(state)) {
                moveTo(BotStatus.STANDBY, STANDBY_REASON);
            }
            if (!sessionWanted) {
                return;
            }
            sessionWanted = false;
            generation.incrementAndGet();
            given = jda;
            jda = null;
        }
        if (given != null) {
            LOG.info("Discord bot: this node no longer holds the cluster lease; its gateway session ends.");
            shutDown(given); // outside the lock: the session's last events may still look at the state
        }
    }

    private ThreadFactory factory() {
        return threads == null ? Executors.defaultThreadFactory() : threads;
    }

    private void start(long session) {
        if (session != generation.get()) {
            return; // the lease was lost before the session began
        }
        ThreadFactory factory = factory();
        String gateway = settings.gatewayUrl();
        try {
            ScheduledThreadPoolExecutor gatewayPool = new ScheduledThreadPoolExecutor(1, factory);
            ScheduledThreadPoolExecutor rateLimits = new ScheduledThreadPoolExecutor(1, factory);
            ExecutorService elastic = Executors.newCachedThreadPool(factory);
            ExecutorService callbacks = Executors.newFixedThreadPool(1, factory);
            // One event thread: what Discord sent is handled in the order it was sent.
            ExecutorService events = Executors.newSingleThreadExecutor(factory);
            ExecutorService http = Executors.newCachedThreadPool(factory);
            // GUILDS is not in JDA's enum: JDA always asks for it.
            JDA built = JDABuilder.create(settings.token().orElseThrow(), GatewayIntent.GUILD_VOICE_STATES)
                    .disableCache(CacheFlag.ACTIVITY, CacheFlag.CLIENT_STATUS, CacheFlag.EMOJI, CacheFlag.STICKER,
                            CacheFlag.ONLINE_STATUS, CacheFlag.SCHEDULED_EVENTS, CacheFlag.SOUNDBOARD_SOUNDS)
                    .enableCache(CacheFlag.VOICE_STATE)
                    .setMemberCachePolicy(MemberCachePolicy.VOICE)
                    .setRestConfig(new RestConfig().setBaseUrl(settings.apiBase()))
                    .setSessionController(new SessionControllerAdapter() {
                        @Override
                        public String getGateway() {
                            return gateway;
                        }
                    })
                    .setCompression(Compression.NONE)
                    .setEnableShutdownHook(false)
                    .setAutoReconnect(true)
                    .setMaxReconnectDelay(32)
                    .setGatewayPool(gatewayPool, true)
                    .setRateLimitScheduler(rateLimits, true)
                    .setRateLimitElastic(elastic, true)
                    .setCallbackPool(callbacks, true)
                    .setEventPool(events, true)
                    .setHttpClientBuilder(new OkHttpClient.Builder().dispatcher(new Dispatcher(http)))
                    .addEventListeners(new Listener(session))
                    .build();
            synchronized (this) {
                if (session == generation.get() && !stopping) {
                    jda = built;
                    return;
                }
            }
            shutDown(built); // the lease was lost (or Paddock is stopping) while logging in
        } catch (InvalidTokenException e) {
            movedBy(session, BotStatus.FAILED, "Discord refused the bot token.");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The Discord bot could not start", e);
            movedBy(session, BotStatus.FAILED, "The bot could not log in: " + e.getMessage());
        }
    }

    /** Closes a session cleanly (the gateway ends it), then at once if it has not ended within 5 s. */
    private static void shutDown(JDA running) {
        running.shutdown();
        try {
            if (!running.awaitShutdown(Duration.ofSeconds(5))) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        JDA running;
        synchronized (this) {
            stopping = true;
            generation.incrementAndGet();
            running = jda;
            jda = null;
        }
        if (running != null) {
            moveTo(BotStatus.OFF, "Paddock is stopping.");
            running.shutdownNow();
            try {
                running.awaitShutdown(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (starter != null) {
            starter.shutdownNow();
        }
    }

    /** A state change reported by a session, unless this node has given that session up since. */
    private synchronized void movedBy(long session, String newState, String why) {
        if (session == generation.get() && !stopping) {
            moveTo(newState, why);
        }
    }

    private void off(String why) {
        moveTo(BotStatus.OFF, why);
    }

    private synchronized void moveTo(String newState, String why) {
        if (!newState.equals(state) || !Objects.equals(why, reason)) {
            LOG.info(() -> "Discord bot: " + newState + (why == null ? "" : " (" + why + ")"));
            since = clock == null ? Instant.now() : clock.instant();
        }
        state = newState;
        reason = why;
    }

    public BotStatus status() {
        JDA running = jda;
        Guild guild = running == null || settings.guildId().isEmpty() ? null : guildOrNull(running);
        String user = null;
        if (running != null && running.getStatus() == JDA.Status.CONNECTED) {
            user = running.getSelfUser().getName();
        }
        return new BotStatus(state, reason, since, settings.mode().name().toLowerCase(java.util.Locale.ROOT),
                settings.guildId().isEmpty() ? null : settings.guildId(), guild == null ? null : guild.getName(), user,
                sessions.get(), resumes.get());
    }

    private Guild guildOrNull(JDA running) {
        try {
            return running.getGuildById(settings.guildId());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // --- REST ---------------------------------------------------------------------------------

    /** A voice channel Discord created. */
    public record CreatedChannel(String channelId, String guildId, String name) {
    }

    /**
     * Creates a voice channel in the guild (under {@code parentId}, a category, when given) with
     * {@code reason} as its audit-log reason. JDA waits out 429s ({@code retry_after}); any other refusal
     * is a {@link DiscordRefusedException} carrying Discord's reason.
     */
    public CreatedChannel createVoiceChannel(String name, String parentId, Integer userLimit, String reason) {
        Guild guild = readyGuild();
        ChannelAction<VoiceChannel> action = guild.createVoiceChannel(name).reason(reason);
        if (parentId != null) {
            Category parent = snowflake(parentId) ? guild.getCategoryById(parentId) : null;
            if (parent == null) {
                throw new InvalidRequestException("parent-not-found", "Unknown category",
                        "The guild has no category " + parentId + " to open the room under.");
            }
            action = action.setParent(parent);
        }
        if (userLimit != null) {
            action = action.setUserlimit(userLimit);
        }
        try {
            VoiceChannel channel = action.timeout(REST_TIMEOUT.toSeconds(), TimeUnit.SECONDS).complete();
            return new CreatedChannel(channel.getId(), guild.getId(), channel.getName());
        } catch (ErrorResponseException e) {
            throw refused("create the voice channel", e);
        } catch (PermissionException e) {
            throw new DiscordRefusedException("The bot lacks the permission " + e.getPermission().getName()
                    + " in the guild; grant it Manage Channels.");
        } catch (RuntimeException e) {
            throw failed("create the voice channel", e);
        }
    }

    /**
     * Deletes a channel of the guild with {@code reason} as its audit-log reason; false when Discord has
     * no such channel any more (deleted by hand, or while the bot was away).
     */
    public boolean deleteChannel(String channelId, String reason) {
        Guild guild = readyGuild();
        var channel = snowflake(channelId) ? guild.getGuildChannelById(channelId) : null;
        if (channel == null) {
            return false;
        }
        try {
            channel.delete().reason(reason).timeout(REST_TIMEOUT.toSeconds(), TimeUnit.SECONDS).complete();
            return true;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL) {
                return false;
            }
            throw refused("delete the channel", e);
        } catch (PermissionException e) {
            throw new DiscordRefusedException("The bot lacks the permission " + e.getPermission().getName()
                    + " in the guild; grant it Manage Channels.");
        } catch (RuntimeException e) {
            throw failed("delete the channel", e);
        }
    }

    private Guild readyGuild() {
        JDA running = jda;
        Guild guild = running == null ? null : guildOrNull(running);
        if (running == null || running.getStatus() != JDA.Status.CONNECTED || guild == null) {
            BotStatus now = status();
            if (BotStatus.OFF.equals(now.state())) {
                throw new ConflictException("discord-off", "Discord features are off",
                        "This server has no Discord bot: " + now.reason());
            }
            if (BotStatus.STANDBY.equals(now.state())) {
                throw new ServiceUnavailableException("discord-unavailable", "This node does not hold the bot's "
                        + "gateway session: " + now.reason() + " Send room requests to the node that does.", 10);
            }
            throw new ServiceUnavailableException("discord-unavailable",
                    "The Discord bot is " + now.state() + (now.reason() == null ? "" : " (" + now.reason() + ")")
                            + "; rooms can be opened and ended once it is ready.",
                    10);
        }
        return guild;
    }

    private static boolean snowflake(String id) {
        return id != null && id.matches("[0-9]{1,20}");
    }

    private static DiscordRefusedException refused(String what, ErrorResponseException e) {
        return new DiscordRefusedException("Discord would not " + what + ": " + e.getErrorCode() + " "
                + e.getMeaning() + " (HTTP " + (e.getResponse() == null ? "?" : e.getResponse().code) + ").");
    }

    private static DiscordRefusedException failed(String what, RuntimeException e) {
        LOG.log(Level.WARNING, "Discord call failed", e);
        return new DiscordRefusedException("Could not " + what + " in Discord: "
                + (e instanceof java.util.concurrent.CancellationException || e.getCause() instanceof
                        java.util.concurrent.TimeoutException ? "no answer in " + REST_TIMEOUT.toSeconds() + " s"
                                : e.getClass().getSimpleName()) + ".");
    }

    // --- gateway events -----------------------------------------------------------------------

    private final class Listener extends ListenerAdapter {

        private final long session;

        Listener(long session) {
            this.session = session;
        }

        private boolean current() {
            return session == generation.get();
        }

        @Override
        public void onStatusChange(StatusChangeEvent event) {
            switch (event.getNewStatus()) {
                case CONNECTED -> {
                    if (current()) {
                        everReady = true;
                    }
                    movedBy(session, BotStatus.READY, null);
                }
                case DISCONNECTED, WAITING_TO_RECONNECT, ATTEMPTING_TO_RECONNECT, RECONNECT_QUEUED ->
                        movedBy(session, BotStatus.RESUMING, "The gateway connection dropped; JDA is reconnecting.");
                case FAILED_TO_LOGIN -> movedBy(session, BotStatus.FAILED, "Discord refused the bot token.");
                case SHUTTING_DOWN, SHUTDOWN -> {
                    // this node ended the session (stopping or lease lost): its state is already set
                }
                default -> {
                    if (!everReady) {
                        movedBy(session, BotStatus.CONNECTING, null);
                    }
                }
            }
        }

        @Override
        public void onReady(ReadyEvent event) {
            sessions.incrementAndGet();
        }

        @Override
        public void onSessionRecreate(SessionRecreateEvent event) {
            sessions.incrementAndGet();
        }

        @Override
        public void onSessionResume(SessionResumeEvent event) {
            resumes.incrementAndGet();
        }

        @Override
        public void onShutdown(ShutdownEvent event) {
            movedBy(session, BotStatus.FAILED, "The gateway closed the session for good (close code "
                    + event.getCloseCode() + ").");
        }

        @Override
        public void onGuildReady(GuildReadyEvent event) {
            if (!event.getGuild().getId().equals(settings.guildId())) {
                return;
            }
            Map<String, List<Presence.Member>> states = new LinkedHashMap<>();
            for (GuildVoiceState voice : event.getGuild().getVoiceStates()) {
                AudioChannel channel = voice.getChannel();
                if (channel != null) {
                    states.computeIfAbsent(channel.getId(), c -> new ArrayList<>()).add(new Presence.Member(
                            voice.getMember().getId(), voice.getMember().getEffectiveName()));
                }
            }
            presence.replaceAll(states);
        }

        @Override
        public void onGuildVoiceUpdate(GuildVoiceUpdateEvent event) {
            String guildId = event.getGuild().getId();
            String userId = event.getMember().getId();
            String name = event.getMember().getEffectiveName();
            AudioChannel left = event.getChannelLeft();
            AudioChannel joined = event.getChannelJoined();
            if (left != null || joined == null) {
                live.accept(new DiscordEvent(DiscordEvent.VOICE_LEFT, guildId, left == null ? null : left.getId(),
                        userId, name));
            }
            if (joined != null) {
                live.accept(new DiscordEvent(DiscordEvent.VOICE_JOINED, guildId, joined.getId(), userId, name));
            }
        }

        @Override
        public void onChannelCreate(ChannelCreateEvent event) {
            if (event.isFromGuild() && event.getChannelType() == ChannelType.VOICE) {
                live.accept(new DiscordEvent(DiscordEvent.ROOM_CREATED, event.getGuild().getId(),
                        event.getChannel().getId(), null, event.getChannel().getName()));
            }
        }

        @Override
        public void onChannelDelete(ChannelDeleteEvent event) {
            if (event.isFromGuild() && event.getChannelType() == ChannelType.VOICE) {
                live.accept(new DiscordEvent(DiscordEvent.ROOM_DELETED, event.getGuild().getId(),
                        event.getChannel().getId(), null, event.getChannel().getName()));
            }
        }
    }
}
