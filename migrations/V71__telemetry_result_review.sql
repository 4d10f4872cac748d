-- Staff review of results: a pending or flagged result can be verified by hand, and any result can be
-- rejected (shown to its owner with the reviewer's note, never counted). Who reviewed, when and why is
-- kept on the row; the full record (reason, ticket, request) is in audit_log.
ALTER TABLE race_results DROP CONSTRAINT race_results_outcome_check;
ALTER TABLE race_results ADD CONSTRAINT race_results_outcome_check
    CHECK (outcome IN ('PENDING', 'VERIFIED', 'FLAGGED', 'REJECTED'));
ALTER TABLE race_results
    ADD COLUMN reviewed_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN reviewed_at  timestamptz,
    ADD COLUMN review_note  varchar(1000);
-- The review queue: oldest waiting first.
CREATE INDEX race_results_review_queue ON race_results (submitted_at, id) WHERE outcome IN ('PENDING', 'FLAGGED');
