package io.paddock.billing.control;

/**
 * What a plan bounds. Counted limits ({@link #CONCURRENT_JOBS}, {@link #STORAGE_BYTES},
 * {@link #OPEN_RACES}) are measured by the module that owns the thing counted, through a
 * {@link UsageMeter}; {@link #PARTICIPANTS_PER_RACE} and {@link #RETENTION_DAYS} are checked
 * against a number the caller passes.
 */
public enum Limit {
    CONCURRENT_JOBS("concurrent transfer jobs"),
    STORAGE_BYTES("storage"),
    RETENTION_DAYS("file retention in days"),
    OPEN_RACES("races open at once"),
    PARTICIPANTS_PER_RACE("participants per race");

    private final String words;

    Limit(String words) {
        this.words = words;
    }

    /** The limit in words, as problem details name it. */
    public String words() {
        return words;
    }
}
