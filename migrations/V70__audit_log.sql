-- The audit trail: one row per privileged or destructive action, written in the transaction of the
-- action itself, so an action and its record commit or roll back together. Rows are never changed:
-- the trigger below refuses UPDATE and DELETE for every database user, the application's included.
-- (Retention, if ever wanted, is an operator's job: ALTER TABLE … DISABLE TRIGGER as the owner.)
CREATE TABLE audit_log (
    id              bigserial    PRIMARY KEY,
    at              timestamptz  NOT NULL,
    actor_id        uuid,
    actor_name      varchar(100),
    action          varchar(80)  NOT NULL,
    target_type     varchar(40)  NOT NULL,
    target_id       varchar(100) NOT NULL,
    reason          varchar(1000),
    ticket_id       varchar(100),
    before_summary  varchar(2000),
    after_summary   varchar(2000),
    request_id      varchar(128),
    client_address  varchar(64)
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
