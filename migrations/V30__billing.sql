-- Billing: plans and their edit history, plan assignments per user, Stripe customers and
-- subscriptions, and every Stripe webhook event received (stored once, by Stripe's event id).
-- Limits: -1 means unlimited. Enumerations are stored as their Java constant names.

CREATE TABLE plans (
    id                    varchar(32)  PRIMARY KEY,
    name                  varchar(100) NOT NULL,
    position              integer      NOT NULL UNIQUE,             -- order on the pricing page, cheapest first
    price_cents           integer      CHECK (price_cents >= 0),     -- per month; NULL: on request (no checkout)
    currency              varchar(3)   NOT NULL DEFAULT 'usd',
    stripe_price_id       varchar(255) UNIQUE,                       -- the recurring Stripe price checkout sells
    is_default            boolean      NOT NULL DEFAULT false,
    concurrent_jobs       bigint       NOT NULL CHECK (concurrent_jobs >= -1),
    storage_bytes         bigint       NOT NULL CHECK (storage_bytes >= -1),
    retention_days        bigint       NOT NULL CHECK (retention_days >= -1),
    open_races            bigint       NOT NULL CHECK (open_races >= -1),
    participants_per_race bigint       NOT NULL CHECK (participants_per_race >= -1),
    updated_at            timestamptz  NOT NULL,
    version               bigint       NOT NULL DEFAULT 0
);
-- Exactly one default plan: the one everybody without another assignment is on.
CREATE UNIQUE INDEX plans_one_default ON plans (is_default) WHERE is_default;

INSERT INTO plans (id, name, position, price_cents, is_default, concurrent_jobs, storage_bytes, retention_days,
                   open_races, participants_per_race, updated_at) VALUES
    ('free',       'Free',        1,    0, true,   2,    5368709120,   7,  3,  16, now()),
    ('pro',        'Pro',         2,  900, false, 10,   53687091200,  30, 10,  64, now()),
    ('business',   'Business',    3, 2900, false, 50,  536870912000,  90, 50, 250, now()),
    ('enterprise', 'Enterprise',  4, NULL, false, -1,            -1,  -1, -1,  -1, now());

-- A superadmin's edit of a plan: what it was, what it became, who and why.
CREATE TABLE plan_changes (
    id                    uuid         PRIMARY KEY,
    plan_id               varchar(32)  NOT NULL REFERENCES plans (id),
    changed_by            uuid         NOT NULL REFERENCES users (id),
    reason                varchar(500) NOT NULL,
    before_json           text         NOT NULL,                     -- JSON
    after_json            text         NOT NULL,                     -- JSON
    changed_at            timestamptz  NOT NULL
);
CREATE INDEX plan_changes_plan ON plan_changes (plan_id, changed_at);

-- The plan a user is on when it is not the default. source: ADMIN (reason required) or STRIPE (from a
-- subscription). access_until: after it the user is back on the default plan (NULL: no end).
CREATE TABLE plan_assignments (
    user_id               uuid         PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    plan_id               varchar(32)  NOT NULL REFERENCES plans (id),
    source                varchar(16)  NOT NULL CHECK (source IN ('ADMIN', 'STRIPE')),
    period_end            timestamptz,
    access_until          timestamptz,
    reason                varchar(500),
    assigned_by           uuid         REFERENCES users (id),
    updated_at            timestamptz  NOT NULL,
    version               bigint       NOT NULL DEFAULT 0,
    CHECK (source <> 'ADMIN' OR reason IS NOT NULL)
);

-- Every change of a user's plan, whoever made it.
CREATE TABLE plan_assignment_changes (
    id                    uuid         PRIMARY KEY,
    user_id               uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id               varchar(32)  NOT NULL REFERENCES plans (id),
    source                varchar(16)  NOT NULL CHECK (source IN ('DEFAULT', 'ADMIN', 'STRIPE')),
    period_end            timestamptz,
    reason                varchar(500),
    changed_by            uuid         REFERENCES users (id),
    changed_at            timestamptz  NOT NULL
);
CREATE INDEX plan_assignment_changes_user ON plan_assignment_changes (user_id, changed_at);

CREATE TABLE billing_customers (
    user_id               uuid         PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    stripe_customer_id    varchar(255) NOT NULL UNIQUE,
    created_at            timestamptz  NOT NULL
);

-- A Stripe subscription as the webhooks told it. last_event_at: Stripe's creation time of the newest event
-- applied; an older event arriving later changes nothing.
CREATE TABLE billing_subscriptions (
    stripe_subscription_id varchar(255) PRIMARY KEY,
    user_id               uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id               varchar(32)  NOT NULL REFERENCES plans (id),
    status                varchar(32)  NOT NULL,
    current_period_end    timestamptz,
    cancel_at_period_end  boolean      NOT NULL DEFAULT false,
    payment_failed_at     timestamptz,
    last_event_at         timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    version               bigint       NOT NULL DEFAULT 0
);
CREATE INDEX billing_subscriptions_user ON billing_subscriptions (user_id);

-- Each webhook event once: a redelivery finds its id here and changes nothing.
CREATE TABLE billing_events (
    id                    varchar(255) PRIMARY KEY,
    type                  varchar(100) NOT NULL,
    created_at            timestamptz  NOT NULL,                     -- Stripe's creation time
    received_at           timestamptz  NOT NULL,
    outcome               varchar(24)  NOT NULL
                          CHECK (outcome IN ('APPLIED', 'STALE', 'IGNORED', 'UNKNOWN_CUSTOMER', 'UNREADABLE')),
    note                  varchar(500),
    payload               text         NOT NULL
);
CREATE INDEX billing_events_flagged ON billing_events (received_at) WHERE outcome IN ('UNKNOWN_CUSTOMER', 'UNREADABLE');
