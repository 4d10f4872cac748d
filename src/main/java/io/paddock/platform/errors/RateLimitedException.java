package io.paddock.platform.errors;

import java.util.Map;

/** Too many requests: answered with HTTP 429 and {@code Retry-After} in whole seconds. */
public class RateLimitedException extends PaddockException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitedException(String slug, String detail, long retryAfterSeconds) {
        super(slug, "Too many requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public int status() {
        return 429;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
