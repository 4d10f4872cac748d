package io.paddock.billing.control;

import io.paddock.platform.errors.PaddockException;

/** Billing is off on this server (no Stripe key): 409 {@code billing-off}; everybody is on the default plan. */
public class BillingOffException extends PaddockException {

    private static final long serialVersionUID = 1L;

    private BillingOffException(String detail) {
        super("billing-off", "Billing is off", detail);
    }

    static BillingOffException create() {
        return new BillingOffException("This server does not take payments; everybody is on the default plan.");
    }

    @Override
    public int status() {
        return 409;
    }
}
