package io.paddock.billing.control;

import io.paddock.platform.errors.PaddockException;

/**
 * A plan limit would be passed. Answered with 403 and the problem type {@code plan-limit}; the detail
 * names the limit, the user's plan and the cheapest plan that lifts it.
 */
public class LimitExceededException extends PaddockException {

    private static final long serialVersionUID = 1L;

    private final Limit limit;

    public LimitExceededException(Limit limit, String detail) {
        super("plan-limit", "Plan limit reached", detail);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }

    @Override
    public int status() {
        return 403;
    }
}
