-- Leases of once-per-cluster work (the timers, the race rooms' tick): one row per lease, held by one
-- node until expires_at, renewed by its holder well before then. Times are the database's own clock,
-- so the nodes' clocks never have to agree. Unused while Paddock runs as a single node.
CREATE TABLE cluster_leases (
    name                varchar(64)  PRIMARY KEY,
    holder              varchar(200) NOT NULL,
    acquired_at         timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL
);
