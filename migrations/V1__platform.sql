-- Paddock's schema is owned by Flyway: one versioned script per change, never edited once released.
-- V1 marks the start of the history; each module adds its tables in later versions.
COMMENT ON SCHEMA public IS 'Paddock: schema managed by Flyway (migrations/)';
