package io.paddock.platform.errors;

import java.util.Map;

/** A refusal the client may retry after a while: answered with {@code Retry-After} in whole seconds. */
public abstract class RetryLaterException extends PaddockException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    protected RetryLaterException(String slug, String title, String detail, long retryAfterSeconds) {
        super(slug, title, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
