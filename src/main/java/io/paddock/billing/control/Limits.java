package io.paddock.billing.control;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place every module asks what a user's plan allows. Until plans are stored this answers
 * with the default (free) plan's limits; the billing module replaces the body, not the contract.
 */
@ApplicationScoped
public class Limits {

    /**
     * Refuses with {@link LimitExceededException} when {@code current + adding} would pass the
     * user's limit; {@code current} is the caller's own count (e.g. the race's participants).
     */
    public void require(UUID userId, Limit limit, long current, long adding) {
        long allowed = allowed(userId, limit);
        if (allowed >= 0 && current + adding > allowed) {
            throw new LimitExceededException(limit, "Your plan allows " + allowed + " " + limit.words() + ".");
        }
    }

    /** The user's limit; -1 means unlimited. */
    public long allowed(UUID userId, Limit limit) {
        return switch (limit) {
            case CONCURRENT_JOBS -> 2;
            case STORAGE_BYTES -> 5L * 1024 * 1024 * 1024;
            case RETENTION_DAYS -> 7;
            case OPEN_RACES, PARTICIPANTS_PER_RACE -> -1;
        };
    }
}
