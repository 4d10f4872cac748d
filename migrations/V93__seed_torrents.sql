-- A seed's files offered as a torrent that Paddock seeds: the .torrent is made once per seed (every
-- byte of the seed is read and hashed) and kept here, so every node and every request serves the same
-- file and nothing is hashed again. Rows are never changed; a seed's row goes with its seed.
CREATE TABLE seed_torrents (
    seed_id     uuid PRIMARY KEY REFERENCES seeds (id) ON DELETE CASCADE,
    info_hash   char(40)      NOT NULL UNIQUE CHECK (info_hash ~ '^[0-9a-f]{40}$'),
    name        varchar(1000) NOT NULL,
    metainfo    bytea         NOT NULL,
    created_at  timestamptz   NOT NULL
);
