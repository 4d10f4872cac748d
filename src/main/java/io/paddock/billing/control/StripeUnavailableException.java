package io.paddock.billing.control;

import io.paddock.platform.errors.PaddockException;

/** Stripe could not be reached or refused the request: 502 {@code stripe-unavailable}; nothing was stored. */
public class StripeUnavailableException extends PaddockException {

    private static final long serialVersionUID = 1L;

    public StripeUnavailableException(String detail) {
        super("stripe-unavailable", "Stripe unavailable", detail);
    }

    @Override
    public int status() {
        return 502;
    }
}
