package io.paddock.testing;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the Discord bot on in a test deployment ({@link DiscordDeployments#botOn}): the stand-in's token
 * (the shared runtime properties carry every other bot address, but no token, so the rest of the suite
 * runs with the bot off) and a one-second grace period for race rooms. Deployed as a config source; it
 * refers to nothing outside the server's class path.
 */
public class DiscordBotOn implements ConfigSource {

    private static final Map<String, String> VALUES = Map.of(
            "paddock.discord.bot.token", FakeDiscordGateway.TOKEN,
            "paddock.discord.bot.grace-period", "PT1S");

    public DiscordBotOn() {
        // loaded by MicroProfile Config
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "discord-bot-on";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
