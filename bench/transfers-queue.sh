#!/usr/bin/env bash
# Transfer queue benchmark: two Paddock nodes (a and b, each its own port, engine port and download
# folder) on one database work off N stand-in jobs (10,000 unless given). A stand-in is a magnet job
# whose only peer never answers: each node claims it from the queue, starts it on its engine, gives up
# on the metadata after 1 s (PADDOCK_TRANSFERS_METADATA_TIMEOUT) and, with one attempt allowed, fails
# it into the dead-letter queue - the queue's whole path (claim, engine start and stop, terminal
# write) without the cost of downloading. The jobs are written straight into the database in one
# transaction (the queue, not the submit endpoint, is measured), owned by the bootstrap superadmin.
# Reports: claims per second (jobs / time from the enqueue to the last claim), queue latency p50 and
# p99 (enqueued to claimed), jobs per node, and checks that every job holds exactly one terminal state,
# was claimed exactly once and left no READY or CLAIMED row.
# Holds /tmp/paddock-heavy.lock. Usage: bench/transfers-queue.sh [jobs] [max jobs per node]
#   (defaults 10000 and 100; the small check: bench/transfers-queue.sh 200)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
jobs="${1:-10000}"
per_node="${2:-100}"
port_a="${BENCH_PORT:-19480}"; port_b=$((port_a + 1))
bt_a=$((port_a + 10)); bt_b=$((port_a + 11))
name=paddock_bench_queue
psql_db() { psql -h 127.0.0.1 -U postgres -d "$name" -v ON_ERROR_STOP=1 -qtA "$@"; }

bench_workdir queue
bench_database "$name"

start_node() { # name port bt-port
  mkdir -p "$work/$1"
  PADDOCK_TRANSFERS_METADATA_TIMEOUT=PT1S PADDOCK_TRANSFERS_QUEUE_MAX_ATTEMPTS=1 \
    PADDOCK_TRANSFERS_NODE_MAX_JOBS="$per_node" PADDOCK_TRANSFERS_QUEUE_POLL=PT0.2S \
    bench_start_node "$work/$1.log" "$2" "$3" "$work/$1" "$1"
}
await_node() { # name port
  bench_await_node "$work/$1.log" "$2" 480
}
# Node a builds (once) and migrates the database; b reuses the build.
start_node a "$port_a" "$bt_a"
await_node a "$port_a"
PADDOCK_BUILD=no start_node b "$port_b" "$bt_b"
await_node b "$port_b"
for _ in $(seq 1 60); do
  [[ "$(psql_db -c "SELECT count(*) FROM transfer_nodes WHERE status = 'ACTIVE'")" == 2 ]] && break
  sleep 1
done
echo "bench: nodes $(psql_db -c "SELECT string_agg(id || ' ' || status, ', ' ORDER BY id) FROM transfer_nodes")," \
  "$per_node jobs each at most; $jobs stand-in jobs" >&2

owner=$(psql_db -c "SELECT id FROM users WHERE email = 'bench@example.org'")
[[ -n "$owner" ]] || { echo "bench: no bootstrap superadmin"; exit 1; }
psql_db <<SQL
BEGIN;
CREATE TEMP TABLE bench_jobs AS
  SELECT gen_random_uuid() AS id, substr(md5('bench' || g), 1, 32) || lpad(to_hex(g), 8, '0') AS hash
  FROM generate_series(1, $jobs) g;
INSERT INTO transfer_jobs (id, owner_id, info_hash, name, source, magnet, state, created_at, updated_at)
  SELECT id, '$owner', hash, 'stand-in ' || hash, 'MAGNET',
         'magnet:?xt=urn:btih:' || hash || '&x.pe=127.0.0.1:9', 'SUBMITTED', now(), now() FROM bench_jobs;
INSERT INTO transfer_queue (job_id, state, run_after, enqueued_at)
  SELECT id, 'READY', clock_timestamp(), clock_timestamp() FROM bench_jobs;
COMMIT;
SQL
started=$(date +%s)
echo "bench: enqueued; waiting for every job to end" >&2
deadline=$((started + 60 + jobs / 2))
while :; do
  open=$(psql_db -c "SELECT count(*) FROM transfer_queue WHERE state <> 'DEAD'")
  [[ "$open" == 0 ]] && break
  if (( $(date +%s) > deadline )); then echo "bench: $open jobs still open after $((deadline - started)) s"; exit 1; fi
  sleep 2
done
echo "bench: all $jobs jobs ended in $(( $(date +%s) - started )) s" >&2

psql_db <<'SQL'
\pset format aligned
\pset tuples_only off
SELECT count(*) AS jobs,
       round((count(*) / extract(epoch FROM max(claimed_at) - min(enqueued_at)))::numeric, 1) AS claims_per_s,
       round((1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - enqueued_at)))::numeric)
         AS latency_p50_ms,
       round((1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - enqueued_at)))::numeric)
         AS latency_p99_ms
FROM transfer_queue;
SELECT last_node AS node, count(*) AS jobs FROM transfer_queue GROUP BY last_node ORDER BY last_node;
SQL
# One terminal state per job: each job is failed (its one attempt) and dead-lettered, claimed once.
bad=$(psql_db -c "SELECT count(*) FROM transfer_jobs j LEFT JOIN transfer_queue q ON q.job_id = j.id
  WHERE j.state <> 'FAILED' OR q.state IS DISTINCT FROM 'DEAD' OR q.claims <> 1")
total=$(psql_db -c "SELECT count(*) FROM transfer_jobs")
open=$(psql_db -c "SELECT count(*) FROM transfer_queue WHERE state IN ('READY', 'CLAIMED')")
echo "jobs in the database: $total; not exactly one terminal state or not claimed exactly once: $bad; still queued: $open"
[[ "$total" == "$jobs" && "$bad" == 0 && "$open" == 0 ]] || { echo "bench: FAILED the consistency check"; exit 1; }
echo "bench: consistent"
