-- Feature flags: switches an operator turns at runtime without a redeploy. The set of flags is the
-- code's (each is inserted by a migration with its default); superadmins change only `enabled`.
CREATE TABLE feature_flags (
    name         varchar(80)  PRIMARY KEY,
    enabled      boolean      NOT NULL,
    description  varchar(500) NOT NULL,
    updated_at   timestamptz  NOT NULL,
    updated_by   uuid,
    version      bigint       NOT NULL DEFAULT 0
);
INSERT INTO feature_flags (name, enabled, description, updated_at) VALUES
    ('blog', true, 'The public blog: /blog, its articles, /api/blog and the Atom feed /blog/feed.atom', now());

-- Every change of a setting changed at runtime (feature flags first): what it was, what it became, who
-- and why. Values of secret settings are never stored, only that they changed. Rows are never changed.
CREATE TABLE config_changes (
    id           bigserial     PRIMARY KEY,
    at           timestamptz   NOT NULL,
    setting      varchar(120)  NOT NULL,
    old_value    varchar(4000),
    new_value    varchar(4000),
    secret       boolean       NOT NULL,
    actor_id     uuid,
    actor_name   varchar(100),
    reason       varchar(1000),
    ticket_id    varchar(100)
);
CREATE INDEX config_changes_setting ON config_changes (setting, id DESC);

CREATE FUNCTION config_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'config_changes is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER config_changes_append_only BEFORE UPDATE OR DELETE ON config_changes
    FOR EACH ROW EXECUTE FUNCTION config_changes_append_only();
