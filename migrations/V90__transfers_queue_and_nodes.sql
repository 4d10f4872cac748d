-- The work queue of the transfer engines: one row per job the engine has work on (running, or
-- uploading). Nodes claim READY rows whose run_after has passed with FOR UPDATE SKIP LOCKED, so any
-- number of nodes share the work without a broker and a row is held by one node at a time. A failed
-- attempt goes back to READY with a later run_after (backoff); after the last attempt the row is DEAD
-- (the dead-letter queue) with the last error. The row goes when the job leaves the engine.
CREATE TABLE transfer_queue (
    job_id              uuid          PRIMARY KEY REFERENCES transfer_jobs (id) ON DELETE CASCADE,
    state               varchar(10)   NOT NULL CHECK (state IN ('READY', 'CLAIMED', 'DEAD')),
    attempts            integer       NOT NULL DEFAULT 0 CHECK (attempts >= 0), -- failed attempts so far
    run_after           timestamptz   NOT NULL,      -- not handed out before this time
    enqueued_at         timestamptz   NOT NULL,      -- when the row last became READY
    claimed_by          varchar(200),                -- the node working on the job (CLAIMED)
    claimed_at          timestamptz,                 -- the last claim (kept after it ends)
    last_node           varchar(200),                -- the node of the last claim (kept after it ends)
    claims              integer       NOT NULL DEFAULT 0, -- how many times a node took the job
    last_error          varchar(1000),
    dead_at             timestamptz,
    CHECK ((state = 'CLAIMED') = (claimed_by IS NOT NULL))
);
CREATE INDEX transfer_queue_ready ON transfer_queue (run_after) WHERE state = 'READY';
CREATE INDEX transfer_queue_claimed_by ON transfer_queue (claimed_by) WHERE state = 'CLAIMED';
CREATE INDEX transfer_queue_dead ON transfer_queue (dead_at DESC) WHERE state = 'DEAD';

-- Jobs that were running before the queue existed are handed out again.
INSERT INTO transfer_queue (job_id, state, run_after, enqueued_at)
SELECT id, 'READY', now(), now() FROM transfer_jobs
WHERE state IN ('SUBMITTED', 'METADATA_FETCH', 'QUEUED', 'DOWNLOADING', 'UPLOADING');

-- The nodes that run a transfer engine: each writes its own row at start and on every heartbeat.
-- Status is set by admins (cordon, drain, uncordon), by the node itself (a drained node that finished
-- its jobs) and by the leader (a node silent past paddock.transfers.node.dead-after is DEAD).
CREATE TABLE transfer_nodes (
    id                  varchar(200)  PRIMARY KEY,   -- the node's name (paddock.node)
    status              varchar(10)   NOT NULL CHECK (status IN ('ACTIVE', 'CORDONED', 'DRAINING', 'DRAINED', 'DEAD')),
    active_jobs         integer       NOT NULL DEFAULT 0,
    max_jobs            integer       NOT NULL DEFAULT 0,
    disk_free_bytes     bigint        NOT NULL DEFAULT 0,
    download_speed      bigint        NOT NULL DEFAULT 0, -- bytes/s over the node's running jobs
    upload_speed        bigint        NOT NULL DEFAULT 0,
    app_version         varchar(100)  NOT NULL,
    registered_at       timestamptz   NOT NULL,
    heartbeat_at        timestamptz   NOT NULL,
    status_changed_at   timestamptz   NOT NULL,
    version             bigint        NOT NULL DEFAULT 0
);
