package io.paddock.platform.errors;

/** Too many requests: answered with HTTP 429 and {@code Retry-After} in whole seconds. */
public class RateLimitedException extends RetryLaterException {

    private static final long serialVersionUID = 1L;

    public RateLimitedException(String slug, String detail, long retryAfterSeconds) {
        super(slug, "Too many requests", detail, retryAfterSeconds);
    }

    @Override
    public int status() {
        return 429;
    }
}
