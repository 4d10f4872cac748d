package io.paddock.discord.control;

import java.nio.charset.StandardCharsets;

import io.paddock.platform.security.Hmac;

/**
 * The signature of an internal event: {@code X-Hub-Signature: sha256=<lower-case hex HMAC-SHA256 of
 * "<X-Hub-Timestamp>.<body>">} under {@code paddock.discord.bot.hmac-secret}, the timestamp in unix seconds.
 */
public final class EventSignatures {

    public static final String TIMESTAMP_HEADER = "X-Hub-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Hub-Signature";

    private EventSignatures() {
    }

    /** The hex HMAC (without the {@code sha256=} prefix). */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        return Hmac.sha256Hex(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
