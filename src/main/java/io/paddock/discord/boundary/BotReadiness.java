package io.paddock.discord.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.paddock.discord.control.BotStatus;
import io.paddock.discord.control.DiscordBot;

/**
 * The bot's session in {@code /health/ready} detail. Always up: Discord being off, down or refusing the
 * token must never take Paddock out of its load balancer; the state and reason say what is wrong.
 */
@Readiness
@ApplicationScoped
public class BotReadiness implements HealthCheck {

    @Inject
    DiscordBot bot;

    @Override
    public HealthCheckResponse call() {
        BotStatus status = bot.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("discord-bot").up()
                .withData("state", status.state()).withData("mode", status.mode())
                .withData("sessions", status.sessions()).withData("resumes", status.resumes());
        if (status.reason() != null) {
            response.withData("reason", status.reason());
        }
        if (status.guildId() != null) {
            response.withData("guild", status.guildId());
        }
        return response.build();
    }
}
