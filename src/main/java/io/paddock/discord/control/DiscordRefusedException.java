package io.paddock.discord.control;

import io.paddock.platform.errors.PaddockException;

/** Discord refused or failed a call the bot made (answered 502 with Discord's own reason in {@code detail}). */
public class DiscordRefusedException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public DiscordRefusedException(String detail) {
        super("discord-refused", "Discord refused the request", detail);
    }

    @Override
    public int status() {
        return 502;
    }
}
