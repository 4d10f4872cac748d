package io.paddock.platform.errors;

/**
 * The server cannot take this request right now (a full write queue, the database away): HTTP 503 with
 * {@code Retry-After}. Nothing was stored; the client may send the request again, signed anew.
 */
public class ServiceUnavailableException extends RetryLaterException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String slug, String detail, long retryAfterSeconds) {
        super(slug, "Service unavailable", detail, retryAfterSeconds);
    }

    @Override
    public int status() {
        return 503;
    }
}
