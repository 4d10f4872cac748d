package io.paddock.testing;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Test archives for the Discord module. */
public final class DiscordDeployments {

    private DiscordDeployments() {
    }

    /** The test-support archive with the bot on (one shared server for every class that deploys it). */
    public static WebArchive botOn() {
        return Deployments.paddockWithTestSupport().addClass(DiscordBotOn.class)
                .addAsResource(new StringAsset(DiscordBotOn.class.getName()),
                        "META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource");
    }
}
