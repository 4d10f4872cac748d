-- Racing tokens are no longer stored in clear (project rule: store only hashes of secrets and tokens).
-- A mod token or invite token is now derived when needed, as HMAC-SHA256 under the racing token key
-- (RaceTokens), and the database keeps only SHA-256(token) for lookup.

-- The generated token key when paddock.racing.token-key is unset ('token-key'), and the fingerprint
-- of the key the stored hashes were derived with ('token-key-id'): on a key change the application
-- re-derives every hash at startup.
CREATE TABLE racing_keys (
    id                  varchar(32)  PRIMARY KEY,
    value               varchar(100) NOT NULL,
    created_at          timestamptz  NOT NULL
);

-- Participants: mod_token_hash = SHA-256 (hex) of the derived token; token_generation bumps when the
-- organizer regenerates the token. Tokens issued before this migration keep working through
-- legacy_token_hash until the organizer regenerates them; mod_token_hash of those rows is filled by
-- the application at its next startup (the derivation needs the key, which SQL does not have).
ALTER TABLE participants ADD COLUMN mod_token_hash varchar(64);
ALTER TABLE participants ADD COLUMN legacy_token_hash varchar(64);
ALTER TABLE participants ADD COLUMN token_generation integer NOT NULL DEFAULT 0 CHECK (token_generation >= 0);
UPDATE participants SET legacy_token_hash = encode(sha256(convert_to(mod_token, 'UTF8')), 'hex');
ALTER TABLE participants DROP COLUMN mod_token;
CREATE UNIQUE INDEX participants_mod_token_hash ON participants (mod_token_hash);
CREATE UNIQUE INDEX participants_legacy_token_hash ON participants (legacy_token_hash);
ALTER TABLE participants ADD CONSTRAINT participants_token_hash_present
    CHECK (mod_token_hash IS NOT NULL OR legacy_token_hash IS NOT NULL);

-- Invites: the same, derived from the invite id.
ALTER TABLE invites ADD COLUMN token_hash varchar(64);
ALTER TABLE invites ADD COLUMN legacy_token_hash varchar(64);
UPDATE invites SET legacy_token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex');
ALTER TABLE invites DROP COLUMN token;
CREATE UNIQUE INDEX invites_token_hash ON invites (token_hash);
CREATE UNIQUE INDEX invites_legacy_token_hash ON invites (legacy_token_hash);
ALTER TABLE invites ADD CONSTRAINT invites_token_hash_present
    CHECK (token_hash IS NOT NULL OR legacy_token_hash IS NOT NULL);
