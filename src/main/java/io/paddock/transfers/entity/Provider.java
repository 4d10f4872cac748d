package io.paddock.transfers.entity;

import java.util.Locale;

/**
 * What downloads a job: {@code BUILTIN}, this node's own BitTorrent engine, or {@code SEEDR}, Seedr's hosted
 * service (it downloads the torrent, Paddock fetches the files from it). A job keeps the provider it
 * started on.
 */
public enum Provider {
    BUILTIN, SEEDR;

    /** The name in the API: {@code builtin}, {@code seedr}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider of an API name (any case); null when there is none of that name. */
    public static Provider ofWire(String name) {
        for (Provider p : values()) {
            if (p.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return p;
            }
        }
        return null;
    }
}
