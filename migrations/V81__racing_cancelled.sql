-- Staff may call a race off from any state but finished: it is then cancelled and takes no more changes.
ALTER TABLE races DROP CONSTRAINT races_status_check;
ALTER TABLE races ADD CONSTRAINT races_status_check
    CHECK (status IN ('DRAFT', 'OPEN', 'COUNTDOWN', 'RUNNING', 'FINISHED', 'CANCELLED'));
