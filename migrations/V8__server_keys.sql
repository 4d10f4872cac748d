-- One table for the keys the server generates for itself when configuration supplies none, and for
-- fingerprints of keys in use (was racing_keys and telemetry_keys, one per module). Names are
-- "<module>.<key>"; values are base64 or hex text, never a secret of a user.
CREATE TABLE server_keys (
    name                varchar(64)  PRIMARY KEY,
    value               varchar(200) NOT NULL,
    created_at          timestamptz  NOT NULL
);

INSERT INTO server_keys (name, value, created_at)
    SELECT 'racing.' || id, value, created_at FROM racing_keys;
INSERT INTO server_keys (name, value, created_at)
    SELECT 'telemetry.' || id, key_base64, created_at FROM telemetry_keys;

DROP TABLE racing_keys;
DROP TABLE telemetry_keys;
