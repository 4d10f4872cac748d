package io.paddock.platform.errors;

import java.util.Map;

/**
 * The server cannot take this request right now (a full write queue, the database away): HTTP 503 with
 * {@code Retry-After}. Nothing was stored; the client may send the request again, signed anew.
 */
public class ServiceUnavailableException extends PaddockException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public ServiceUnavailableException(String slug, String detail, long retryAfterSeconds) {
        super(slug, "Service unavailable", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
