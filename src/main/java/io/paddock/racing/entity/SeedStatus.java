package io.paddock.racing.entity;

/** Where a seed stands in its pool: drawn seeds are never drawn again. */
public enum SeedStatus {
    AVAILABLE, CONSUMED, DISCARDED
}
