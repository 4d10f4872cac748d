package io.paddock.identity.entity;

import java.util.Locale;

/**
 * How a caller signed in. The first four are WinPodiums' values: Discord on the web, and the
 * plugin's browser (PKCE), QR and one-time-token flows.
 */
public enum AuthMethod {
    WEB, PLUGIN_BROWSER, PLUGIN_QR, PLUGIN_TOKEN, EMAIL, TWITCH, API_KEY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
