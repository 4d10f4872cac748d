-- Discord rooms: voice channels the bot opened in the configured guild, who opened them, the race they
-- belong to (if any), and when they ended. A race has at most one open room.
CREATE TABLE discord_rooms (
    id                  uuid PRIMARY KEY,
    channel_id          varchar(32)  NOT NULL UNIQUE,
    guild_id            varchar(32)  NOT NULL,
    name                varchar(100) NOT NULL,
    creator_id          uuid         REFERENCES users (id) ON DELETE SET NULL,  -- null: opened for a race by Paddock
    race_id             varchar(36),                                           -- racing's race id as text (no cross-module key)
    user_limit          integer      CHECK (user_limit BETWEEN 0 AND 99),
    created_at          timestamptz  NOT NULL,
    end_after           timestamptz,                                           -- a race room: removed from then on
    ended_at            timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX discord_rooms_open_race ON discord_rooms (race_id) WHERE race_id IS NOT NULL AND ended_at IS NULL;
CREATE INDEX discord_rooms_due ON discord_rooms (end_after) WHERE ended_at IS NULL AND end_after IS NOT NULL;

-- Signatures of accepted internal events (POST /api/internal/events), kept past the ±60 s window so a
-- replayed request is refused on every node.
CREATE TABLE discord_event_signatures (
    signature           char(64)     PRIMARY KEY,
    seen_at             timestamptz  NOT NULL
);
CREATE INDEX discord_event_signatures_seen ON discord_event_signatures (seen_at);
