-- Transfers: torrent jobs downloaded by the BitTorrent engine, their files, the infohash blocklist and
-- the event log that Server-Sent Events resume from (Last-Event-ID).

CREATE TABLE transfer_jobs (
    id                  uuid         PRIMARY KEY,
    owner_id            uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    info_hash           varchar(40)  NOT NULL CHECK (info_hash ~ '^[0-9a-f]{40}$'),
    name                varchar(500) NOT NULL,
    source              varchar(10)  NOT NULL CHECK (source IN ('MAGNET', 'TORRENT')),
    magnet              text,
    direct_peers        varchar(2000),                   -- direct peers given with a .torrent (host:port, comma-separated)
    metainfo            bytea,                           -- the .torrent (uploaded, or built from fetched metadata)
    state               varchar(20)  NOT NULL,
    failure             varchar(1000),
    bytes_total         bigint       CHECK (bytes_total >= 0),
    bytes_done          bigint       NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
    download_speed      bigint       NOT NULL DEFAULT 0,
    upload_speed        bigint       NOT NULL DEFAULT 0,
    peers               integer      NOT NULL DEFAULT 0,
    eta_seconds         bigint,
    storage             varchar(10)  NOT NULL DEFAULT 'LOCAL' CHECK (storage IN ('LOCAL', 'S3')),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    completed_at        timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);
-- A user holds one job per torrent.
CREATE UNIQUE INDEX transfer_jobs_owner_hash ON transfer_jobs (owner_id, info_hash);
CREATE INDEX transfer_jobs_owner_created ON transfer_jobs (owner_id, created_at DESC);
CREATE INDEX transfer_jobs_state ON transfer_jobs (state);

CREATE TABLE transfer_files (
    id                  uuid          PRIMARY KEY,
    job_id              uuid          NOT NULL REFERENCES transfer_jobs (id) ON DELETE CASCADE,
    file_index          integer       NOT NULL CHECK (file_index >= 0),
    path                varchar(4000) NOT NULL,      -- relative to the job's folder, '/'-separated
    size_bytes          bigint        NOT NULL CHECK (size_bytes >= 0),
    content_type        varchar(200)  NOT NULL,
    selected            boolean       NOT NULL DEFAULT true,
    complete            boolean       NOT NULL DEFAULT false,
    storage_key         varchar(4100),               -- where the finished file lives in the job's storage
    version             bigint        NOT NULL DEFAULT 0,
    UNIQUE (job_id, file_index)
);

CREATE TABLE transfer_blocklist (
    info_hash           varchar(40)   PRIMARY KEY CHECK (info_hash ~ '^[0-9a-f]{40}$'),
    reason              varchar(500)  NOT NULL,
    created_at          timestamptz   NOT NULL
);

-- What SSE clients missed is read back from here; rows older than paddock.transfers.event-retention go.
CREATE TABLE transfer_events (
    id                  bigserial     PRIMARY KEY,
    owner_id            uuid          NOT NULL,
    job_id              uuid          NOT NULL,
    type                varchar(20)   NOT NULL,
    data                text          NOT NULL,
    created_at          timestamptz   NOT NULL
);
CREATE INDEX transfer_events_owner ON transfer_events (owner_id, id);
CREATE INDEX transfer_events_created ON transfer_events (created_at);
