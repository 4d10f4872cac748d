-- Staff search ("find anything"): substring matches on names, emails and labels, served by trigram
-- indexes so a search stays fast at millions of rows. pg_trgm ships with PostgreSQL and is a trusted
-- extension: the database's owner may create it (no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX users_search_name ON users USING gin (lower(display_name) gin_trgm_ops);
CREATE INDEX users_search_email ON users USING gin (email gin_trgm_ops);
CREATE INDEX linked_identities_search ON linked_identities USING gin (lower(username) gin_trgm_ops);
CREATE INDEX races_search_name ON races USING gin (lower(name) gin_trgm_ops);
CREATE INDEX race_results_search ON race_results USING gin (lower(track) gin_trgm_ops, lower(car) gin_trgm_ops);
CREATE INDEX audit_log_search ON audit_log USING gin (action gin_trgm_ops, lower(actor_name) gin_trgm_ops);
