package io.paddock.discord.control;

import java.time.Instant;

/**
 * The bot's gateway session as the health check, the admin page and the race page see it.
 *
 * @param state    {@code off}, {@code connecting}, {@code ready}, {@code resuming}, {@code failed} or
 *                 {@code standby} (another node of the cluster holds the session)
 * @param reason   why it is off or failed (null otherwise)
 * @param sessions gateway sessions started (READY received: the first, and each re-identify)
 * @param resumes  sessions resumed after a drop
 */
public record BotStatus(String state, String reason, Instant since, String mode, String guildId, String guildName,
        String botUser, long sessions, long resumes) {

    public static final String OFF = "off";
    public static final String CONNECTING = "connecting";
    public static final String READY = "ready";
    public static final String RESUMING = "resuming";
    public static final String FAILED = "failed";
    /** In a cluster: another node holds the lease, so the session runs there. */
    public static final String STANDBY = "standby";

    public boolean ready() {
        return READY.equals(state);
    }
}
