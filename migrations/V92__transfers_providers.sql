-- Transfer providers: the engine that downloads a job (BUILTIN, Paddock's own bt-core engine, or SEEDR,
-- Seedr's hosted API). New jobs take the active provider; a job keeps the provider it started on.
ALTER TABLE transfer_jobs ADD COLUMN provider varchar(20) NOT NULL DEFAULT 'BUILTIN'
    CHECK (provider IN ('BUILTIN', 'SEEDR'));

-- The active provider: one row, changed by admins (optimistic version).
CREATE TABLE transfer_provider (
    id           smallint     PRIMARY KEY CHECK (id = 1),
    provider     varchar(20)  NOT NULL CHECK (provider IN ('BUILTIN', 'SEEDR')),
    changed_at   timestamptz  NOT NULL,
    changed_by   uuid,
    version      bigint       NOT NULL DEFAULT 0
);
INSERT INTO transfer_provider (id, provider, changed_at) VALUES (1, 'BUILTIN', now());

-- Every switch: the version it made, from what to what, who, why, and how many jobs were still running
-- on the provider switched away from (they finish there). Rows are never changed.
CREATE TABLE transfer_provider_changes (
    version      bigint        PRIMARY KEY,
    at           timestamptz   NOT NULL,
    old_provider varchar(20)   NOT NULL,
    new_provider varchar(20)   NOT NULL,
    actor_id     uuid,
    actor_name   varchar(100),
    reason       varchar(1000) NOT NULL,
    ticket_id    varchar(100)  NOT NULL,
    in_flight    integer       NOT NULL
);

CREATE FUNCTION transfer_provider_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'transfer_provider_changes is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER transfer_provider_changes_append_only BEFORE UPDATE OR DELETE ON transfer_provider_changes
    FOR EACH ROW EXECUTE FUNCTION transfer_provider_changes_append_only();

-- What a remote provider calls a job (Seedr's transfer, then its folder), so a restart continues it and a
-- cancel or delete removes it there too. No foreign key: the row outlives a deleted job until the remote
-- copy is gone.
CREATE TABLE transfer_remote_refs (
    job_id       uuid          PRIMARY KEY,
    provider     varchar(20)   NOT NULL,
    remote_ref   varchar(1000) NOT NULL,
    updated_at   timestamptz   NOT NULL
);
