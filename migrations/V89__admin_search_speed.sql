-- Staff search at a million rows.
--
-- 1. The trigram indexes stop keeping a pending list. With GIN's default fastupdate, new rows go to an
--    unsorted list of up to gin_pending_list_limit (4 MB) that every search reads through in full until
--    a vacuum merges it: at a million users that list alone cost 20-100 ms per search, whatever the
--    query. The rows these tables take (sign-ups, staff actions, races, results, jobs) are few enough to
--    pay their index entries at once. ALTER INDEX does not merge what is already pending, so that is done
--    here too.
ALTER INDEX users_search_name SET (fastupdate = off);
ALTER INDEX users_search_email SET (fastupdate = off);
ALTER INDEX linked_identities_search SET (fastupdate = off);
ALTER INDEX races_search_name SET (fastupdate = off);
ALTER INDEX race_results_search SET (fastupdate = off);
ALTER INDEX audit_log_search SET (fastupdate = off);
ALTER INDEX transfer_jobs_search_name SET (fastupdate = off);
SELECT gin_clean_pending_list(index_name::regclass)
FROM unnest(ARRAY['users_search_name', 'users_search_email', 'linked_identities_search', 'races_search_name',
                  'race_results_search', 'audit_log_search', 'transfer_jobs_search_name']) AS index_name;

-- 2. Users newest first: the user search looks through the newest users before it asks the trigram
--    indexes (a substring common to many users is found there without reading all its matches).
CREATE INDEX users_newest ON users (created_at DESC, id);
