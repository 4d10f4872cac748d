-- Staff may suspend an account: while suspended_at is set, none of its credentials is accepted and it
-- cannot sign in. Its sessions, keys and tokens are kept, so restoring the account gives them back.
ALTER TABLE users ADD COLUMN suspended_at TIMESTAMPTZ;

-- Each node loads the suspended ids at startup: a small partial index keeps that read cheap.
CREATE INDEX users_suspended ON users (id) WHERE suspended_at IS NOT NULL;
