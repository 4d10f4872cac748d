-- A plugin that sends the minimal {version} heartbeat with a Paddock bearer token instead of an installation's
-- signature (plugins older than signed requests): proof that it runs for this user, nothing more. It is shown as
-- unverified and never counts toward member verification or a result's proof.
CREATE TABLE plugin_presence (
    user_id             uuid         PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    plugin_version      varchar(40)  NOT NULL,
    first_seen_at       timestamptz  NOT NULL,
    last_seen_at        timestamptz  NOT NULL
);
