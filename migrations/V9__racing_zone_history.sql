-- A participant's zone history, one row per zone entered: a zone entered appends one row instead of
-- rewriting the whole history in the participant's row. zone_count is the number of rows, so the
-- bound on a history (at most 500 entries) is checked without reading it.
CREATE TABLE participant_zones (
    participant_id uuid         NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    seq            integer      NOT NULL,
    node_id        varchar(200) NOT NULL,
    igt_ms         bigint       NOT NULL,
    layer          integer,
    PRIMARY KEY (participant_id, seq)
);

ALTER TABLE participants ADD COLUMN zone_count integer NOT NULL DEFAULT 0;

-- Existing histories move over in order, cut at the bound.
INSERT INTO participant_zones (participant_id, seq, node_id, igt_ms, layer)
SELECT p.id, e.ord - 1, left(coalesce(e.visit ->> 'node_id', ''), 200),
       coalesce((e.visit ->> 'igt_ms')::bigint, 0), (e.visit ->> 'layer')::integer
FROM participants p, jsonb_array_elements(p.zone_history) WITH ORDINALITY AS e(visit, ord)
WHERE jsonb_typeof(p.zone_history) = 'array' AND e.ord <= 500;

UPDATE participants p SET zone_count = (SELECT count(*) FROM participant_zones z WHERE z.participant_id = p.id);

ALTER TABLE participants DROP COLUMN zone_history;
