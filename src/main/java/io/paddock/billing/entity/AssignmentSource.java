package io.paddock.billing.entity;

/** Where a user's plan comes from: nobody chose one, an admin did (with a reason), or a Stripe subscription. */
public enum AssignmentSource {
    DEFAULT, ADMIN, STRIPE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
