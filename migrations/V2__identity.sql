-- Identity: one account per person, however they sign in (issue 3).
-- Enumerations are stored as their Java constant names (JPA EnumType.STRING).
-- Every secret is stored as a SHA-256 hex digest of a 256-bit random value, passwords as PBKDF2.

CREATE TABLE users (
    id                  uuid PRIMARY KEY,
    display_name        varchar(100) NOT NULL,
    avatar_url          varchar(500),
    email               varchar(254) UNIQUE,            -- lower-cased
    email_verified_at   timestamptz,
    password_hash       varchar(300),
    role                varchar(16)  NOT NULL DEFAULT 'USER'
                        CHECK (role IN ('USER', 'SUPPORT', 'ADMIN', 'SUPERADMIN')),
    member_state        varchar(16)  NOT NULL DEFAULT 'PENDING'
                        CHECK (member_state IN ('PENDING', 'VERIFIED')),
    auth_method         varchar(20)  CHECK (auth_method IN ('WEB', 'PLUGIN_BROWSER', 'PLUGIN_QR', 'PLUGIN_TOKEN', 'EMAIL', 'TWITCH', 'API_KEY')),
    policy_accepted_at  timestamptz,
    created_at          timestamptz  NOT NULL,
    last_active_at      timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);

CREATE TABLE linked_identities (
    id                  uuid PRIMARY KEY,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider            varchar(16)  NOT NULL CHECK (provider IN ('DISCORD', 'TWITCH', 'EMAIL')),
    provider_user_id    varchar(254) NOT NULL,
    username            varchar(254),
    display_name        varchar(254),
    avatar_url          varchar(500),
    linked_at           timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0,
    UNIQUE (provider, provider_user_id),
    UNIQUE (user_id, provider)
);
CREATE INDEX linked_identities_username ON linked_identities (provider, lower(username));

-- Browser sessions: the cookie holds a random token, the table only its hash.
CREATE TABLE browser_sessions (
    id                  uuid PRIMARY KEY,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash          char(64)     NOT NULL UNIQUE,
    csrf_hash           char(64)     NOT NULL,
    auth_method         varchar(20)  NOT NULL,
    user_agent          varchar(300),
    ip_address          varchar(64),
    created_at          timestamptz  NOT NULL,
    last_seen_at        timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    revoked_at          timestamptz
);
CREATE INDEX browser_sessions_user ON browser_sessions (user_id);
CREATE INDEX browser_sessions_expiry ON browser_sessions (expires_at);

-- Refresh tokens rotate on every use; presenting a used one revokes its whole family.
CREATE TABLE refresh_tokens (
    id                  uuid PRIMARY KEY,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id           uuid         NOT NULL,
    token_hash          char(64)     NOT NULL UNIQUE,
    auth_method         varchar(20)  NOT NULL,
    created_at          timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    used_at             timestamptz,
    revoked_at          timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Single-use tokens: email verification, password reset, plugin sign-in.
CREATE TABLE one_time_tokens (
    id                  uuid PRIMARY KEY,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose             varchar(20)  NOT NULL CHECK (purpose IN ('EMAIL_VERIFY', 'PASSWORD_RESET', 'PLUGIN_LOGIN')),
    token_hash          char(64)     NOT NULL UNIQUE,
    created_at          timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    used_at             timestamptz
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);
CREATE INDEX one_time_tokens_expiry ON one_time_tokens (expires_at);

-- OAuth2 authorization requests in flight (state + PKCE verifier), 10 minutes each.
CREATE TABLE oauth_states (
    id                  uuid PRIMARY KEY,
    state_hash          char(64)     NOT NULL UNIQUE,
    provider            varchar(16)  NOT NULL CHECK (provider IN ('DISCORD', 'TWITCH')),
    code_verifier       varchar(128) NOT NULL,
    link_user_id        uuid         REFERENCES users (id) ON DELETE CASCADE,
    return_to           varchar(300),
    created_at          timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    used_at             timestamptz
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);

-- QR sign-in: the plugin opens a session, a signed-in user approves it, the plugin collects tokens once.
CREATE TABLE qr_login_sessions (
    id                  uuid PRIMARY KEY,
    poll_secret_hash    char(64)     NOT NULL,
    status              varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'COLLECTED')),
    user_id             uuid         REFERENCES users (id) ON DELETE CASCADE,
    created_at          timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    approved_at         timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE INDEX qr_login_sessions_expiry ON qr_login_sessions (expires_at);

CREATE TABLE api_keys (
    id                  uuid PRIMARY KEY,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name                varchar(100) NOT NULL,
    prefix              varchar(16)  NOT NULL UNIQUE,
    secret_hash         char(64)     NOT NULL,
    created_at          timestamptz  NOT NULL,
    last_used_at        timestamptz,
    expires_at          timestamptz,
    revoked_at          timestamptz
);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- RS256 signing keys for Paddock's access tokens (when not given by configuration).
CREATE TABLE signing_keys (
    kid                 varchar(64)  PRIMARY KEY,
    private_jwk         text         NOT NULL,
    created_at          timestamptz  NOT NULL,
    retired_at          timestamptz
);

-- Requests refused by a rate limit, for abuse investigations.
CREATE TABLE rate_limit_logs (
    id                  bigserial PRIMARY KEY,
    bucket              varchar(40)  NOT NULL,
    subject             varchar(300) NOT NULL,
    refused_at          timestamptz  NOT NULL
);
CREATE INDEX rate_limit_logs_time ON rate_limit_logs (refused_at);
