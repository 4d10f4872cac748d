-- Racing (issue 4): seed pools, races, participants, invites.
-- Enumerations are stored as their Java constant names (JPA EnumType.STRING).

-- One generated seed of a pool, found on disk by the pool scanner. A seed is drawn once: drawing
-- marks it CONSUMED, a re-roll marks the replaced one DISCARDED; neither is ever drawn again.
CREATE TABLE seeds (
    id                  uuid PRIMARY KEY,
    seed_number         bigint       NOT NULL,
    pool_name           varchar(100) NOT NULL,
    graph_json          jsonb        NOT NULL,
    total_layers        integer      NOT NULL CHECK (total_layers >= 0),
    location            varchar(1000) NOT NULL,           -- folder or .zip, relative to the pool directory
    status              varchar(16)  NOT NULL CHECK (status IN ('AVAILABLE', 'CONSUMED', 'DISCARDED')),
    created_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0,
    UNIQUE (pool_name, seed_number)
);
CREATE INDEX seeds_available ON seeds (pool_name) WHERE status = 'AVAILABLE';

CREATE TABLE races (
    id                  uuid PRIMARY KEY,
    name                varchar(100) NOT NULL,
    organizer_id        uuid         NOT NULL REFERENCES users (id),
    seed_id             uuid         REFERENCES seeds (id),
    pool_name           varchar(100) NOT NULL,
    status              varchar(16)  NOT NULL
                        CHECK (status IN ('DRAFT', 'OPEN', 'COUNTDOWN', 'RUNNING', 'FINISHED')),
    show_finished_names boolean      NOT NULL DEFAULT true,
    max_participants    integer      CHECK (max_participants > 0),
    scheduled_start     timestamptz,
    started_at          timestamptz,
    finished_at         timestamptz,
    packs_released_at   timestamptz,
    created_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE INDEX races_status ON races (status);
-- The race clock looks for countdowns that are due, every second and at startup.
CREATE INDEX races_due ON races (scheduled_start) WHERE status = 'COUNTDOWN';

CREATE TABLE participants (
    id                  uuid PRIMARY KEY,
    race_id             uuid         NOT NULL REFERENCES races (id) ON DELETE CASCADE,
    user_id             uuid         NOT NULL REFERENCES users (id),
    twitch_username     varchar(100) NOT NULL,
    twitch_display_name varchar(100),
    mod_token           varchar(64)  NOT NULL UNIQUE,      -- the pack carries it, so it must be readable
    status              varchar(16)  NOT NULL
                        CHECK (status IN ('REGISTERED', 'READY', 'PLAYING', 'FINISHED', 'ABANDONED')),
    current_zone        varchar(200),
    current_layer       integer      NOT NULL DEFAULT 0,
    layer_entry_igt     bigint,
    igt_ms              bigint       NOT NULL DEFAULT 0,
    death_count         integer      NOT NULL DEFAULT 0,
    color_index         integer      NOT NULL,
    zone_history        jsonb        NOT NULL DEFAULT '[]',
    finished_at         timestamptz,
    last_progress_at    timestamptz,                       -- when the IGT last moved (inactivity rule)
    created_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0,
    UNIQUE (race_id, user_id)
);
CREATE INDEX participants_race ON participants (race_id);

CREATE TABLE invites (
    id                  uuid PRIMARY KEY,
    token               varchar(64)  NOT NULL UNIQUE,
    race_id             uuid         NOT NULL REFERENCES races (id) ON DELETE CASCADE,
    twitch_username     varchar(100) NOT NULL,
    created_at          timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    accepted_by         uuid         REFERENCES users (id),
    accepted_at         timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE INDEX invites_race ON invites (race_id);
