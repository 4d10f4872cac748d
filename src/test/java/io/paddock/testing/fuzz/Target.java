package io.paddock.testing.fuzz;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the fuzz test set up on the server: the base URL, the admin's credentials, real ids for path
 * parameters (so inputs get past the lookup of their resource), a plugin installation for signed
 * requests, and the running race the sockets use with one mod token per connection.
 */
public record Target(URI base, String adminToken, String adminApiKey, String adminId, Map<String, String> known,
        String installationId, byte[] installationSecret, long serverEpochAtStart, long nanosAtStart,
        String socketRace, List<String> modTokens, String spareModToken) {

    /** The server's clock now, in unix seconds (it was moved ahead by the race start). */
    public long serverEpoch() {
        return serverEpochAtStart + (System.nanoTime() - nanosAtStart) / 1_000_000_000L;
    }
}
