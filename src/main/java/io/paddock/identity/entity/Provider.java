package io.paddock.identity.entity;

import java.util.Locale;

/** Where a linked identity comes from. */
public enum Provider {
    DISCORD, TWITCH, EMAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
