-- Staff search over transfer jobs: a substring of the name (trigram index, as the other search sources)
-- or the start of the infohash (pattern index for LIKE 'abc%').
CREATE INDEX transfer_jobs_search_name ON transfer_jobs USING gin (lower(name) gin_trgm_ops);
CREATE INDEX transfer_jobs_search_hash ON transfer_jobs (info_hash varchar_pattern_ops);
