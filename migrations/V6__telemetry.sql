-- Verified sim results (issue 5): plugin installations, telemetry sessions and heartbeats,
-- signed-request replay memory, podium challenges and results.
-- Enumerations are stored as their Java constant names (JPA EnumType.STRING).

-- The AES-256 key that encrypts installation secrets when paddock.telemetry.secret-key is not set.
-- Generated once, shared by every node through this table.
CREATE TABLE telemetry_keys (
    id                  varchar(32)  PRIMARY KEY,
    key_base64          varchar(64)  NOT NULL,
    created_at          timestamptz  NOT NULL
);

-- One SimHub plugin on one machine. The secret signs the plugin's requests (HMAC-SHA256), so the
-- server needs it back: it is stored AES-256-GCM encrypted (nonce || ciphertext+tag, base64).
CREATE TABLE plugin_installations (
    id                  uuid PRIMARY KEY,
    installation_key    varchar(100) NOT NULL UNIQUE,   -- the plugin's machine-stable installation id
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plugin_version      varchar(40)  NOT NULL,
    sim_platform        varchar(16)  NOT NULL CHECK (sim_platform IN ('IRACING', 'ACC', 'RFACTOR2')),
    secret_encrypted    varchar(200) NOT NULL,
    first_seen_at       timestamptz  NOT NULL,
    last_seen_at        timestamptz  NOT NULL,
    revoked_at          timestamptz,
    last_ping_at        timestamptz,                    -- last minimal {version} heartbeat
    version             bigint       NOT NULL DEFAULT 0
);
CREATE INDEX plugin_installations_user ON plugin_installations (user_id);

-- Signatures of signed plugin requests seen within the replay window (pruned by a timer).
CREATE TABLE plugin_request_signatures (
    signature           char(64)     PRIMARY KEY,        -- hex HMAC as sent
    installation_id     uuid         NOT NULL REFERENCES plugin_installations (id) ON DELETE CASCADE,
    seen_at             timestamptz  NOT NULL
);
CREATE INDEX plugin_request_signatures_seen ON plugin_request_signatures (seen_at);

-- A run of heartbeats without a gap over 10 s.
CREATE TABLE telemetry_sessions (
    id                  uuid PRIMARY KEY,
    installation_id     uuid         NOT NULL REFERENCES plugin_installations (id) ON DELETE CASCADE,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at          timestamptz  NOT NULL,
    last_heartbeat_at   timestamptz  NOT NULL,
    last_accepted_at    timestamptz,
    last_speed          double precision,
    last_rpm            double precision,
    last_gear           integer,
    last_position       integer,
    last_session_time   double precision,
    heartbeats          integer      NOT NULL DEFAULT 0,
    static_heartbeats   integer      NOT NULL DEFAULT 0,
    ended_stale         boolean      NOT NULL DEFAULT false,   -- a gap over 10 s ended it
    result_submitted    boolean      NOT NULL DEFAULT false,   -- its result is in; the next heartbeat starts anew
    version             bigint       NOT NULL DEFAULT 0
);
CREATE INDEX telemetry_sessions_installation ON telemetry_sessions (installation_id, started_at DESC);

-- Telemetry snapshots; only the latest 10 per session are kept (pruned by a timer).
-- Ids are UUIDs made in Java: no sequence round trip and no sequencing lock on the hot path.
CREATE TABLE telemetry_heartbeats (
    id                  uuid PRIMARY KEY,
    session_id          uuid         NOT NULL REFERENCES telemetry_sessions (id) ON DELETE CASCADE,
    received_at         timestamptz  NOT NULL,
    client_timestamp    timestamptz,
    speed               double precision NOT NULL,
    rpm                 double precision NOT NULL,
    gear                integer      NOT NULL,
    lap_time            double precision NOT NULL,
    position            integer      NOT NULL,
    session_time        double precision NOT NULL,
    static_telemetry    boolean      NOT NULL
);
CREATE INDEX telemetry_heartbeats_session ON telemetry_heartbeats (session_id, received_at DESC, id DESC);

-- One-time podium challenges: 5 s to answer, single use.
CREATE TABLE result_challenges (
    nonce               uuid PRIMARY KEY,
    installation_id     uuid         NOT NULL REFERENCES plugin_installations (id) ON DELETE CASCADE,
    session_id          uuid         NOT NULL REFERENCES telemetry_sessions (id) ON DELETE CASCADE,
    issued_at           timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    used_at             timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);

CREATE TABLE race_results (
    id                  uuid PRIMARY KEY,
    user_id             uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    installation_id     uuid         NOT NULL REFERENCES plugin_installations (id) ON DELETE CASCADE,
    session_id          uuid         NOT NULL REFERENCES telemetry_sessions (id) ON DELETE CASCADE,
    sim_platform        varchar(16)  NOT NULL CHECK (sim_platform IN ('IRACING', 'ACC', 'RFACTOR2')),
    track               varchar(200) NOT NULL,
    car                 varchar(200) NOT NULL,
    series              varchar(200),
    final_position      integer      NOT NULL CHECK (final_position >= 1),
    field_size          integer      NOT NULL CHECK (field_size >= 1),
    laps                integer      NOT NULL CHECK (laps >= 0),
    best_lap_ms         bigint       NOT NULL CHECK (best_lap_ms >= 0),
    total_time_ms       bigint       NOT NULL CHECK (total_time_ms >= 0),
    competitiveness     integer      NOT NULL CHECK (competitiveness BETWEEN 0 AND 10),
    continuity_score    integer,
    outcome             varchar(16)  NOT NULL CHECK (outcome IN ('PENDING', 'VERIFIED', 'FLAGGED')),
    reasons             varchar(500) NOT NULL DEFAULT '',   -- comma-separated codes
    submitted_at        timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0,
    UNIQUE (session_id)
);
CREATE INDEX race_results_user ON race_results (user_id, submitted_at DESC);
CREATE INDEX race_results_podiums ON race_results (sim_platform, submitted_at)
    WHERE outcome = 'VERIFIED' AND final_position <= 3;
