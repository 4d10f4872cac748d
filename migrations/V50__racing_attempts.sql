-- Earlier attempts of a race: a reset after the start keeps the results it replaces, one row per
-- attempt (numbered from 1 within the race), instead of erasing them. The results are the ranked
-- leaderboard at the reset, as JSON (place, names, status, layer, IGT, deaths per participant).
CREATE TABLE race_attempts (
    id                  uuid PRIMARY KEY,
    race_id             uuid         NOT NULL REFERENCES races (id) ON DELETE CASCADE,
    number              integer      NOT NULL CHECK (number > 0),
    status              varchar(16)  NOT NULL CHECK (status IN ('RUNNING', 'FINISHED')),
    started_at          timestamptz,
    finished_at         timestamptz,
    reset_at            timestamptz  NOT NULL,
    results             jsonb        NOT NULL,
    UNIQUE (race_id, number)
);
-- Finished races, newest finish first (the paged history) and my races by organizer.
CREATE INDEX races_finished ON races (finished_at DESC) WHERE status = 'FINISHED';
CREATE INDEX races_organizer ON races (organizer_id, created_at DESC);
