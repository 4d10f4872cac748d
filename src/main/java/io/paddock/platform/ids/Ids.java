package io.paddock.platform.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for identifiers that are not secrets: row ids and request ids. They come from
 * {@link ThreadLocalRandom}, because {@link UUID#randomUUID()} draws from one shared SecureRandom, which
 * the hot paths' threads would queue on. Anything that must be unguessable (tokens, nonces) keeps using
 * SecureRandom.
 */
public final class Ids {

    private Ids() {
    }

    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low);
    }
}
