#!/usr/bin/env bash
# Idle race spectators on one node, as scripts/run ships it: how many sockets it holds, how fast they
# open, and what each costs. Starts a node (its own port and database), inserts one running race, then
# measures the live heap (a full collection first: jcmd GC.class_histogram), the RSS and a class
# histogram with no spectator; opens SOCKETS idle spectator sockets from PROCS Node processes
# (bench/racing/spectators.mjs, npm package ws), waits SETTLE seconds and measures again. The histograms'
# difference divided by the sockets is the cost per socket by class (target/bench-spectators-delta.txt).
# Usage: bench/spectators.sh [sockets (18000)] [Node processes (2)]
#   BENCH_PORT (18497), IN_FLIGHT handshakes at once per Node process (100), SETTLE (15), PARTICIPANTS
#   in the race (10), PADDOCK_BUILD as for scripts/run ("no" reuses target/paddock.war).
# The node's open-file limit is scripts/run's (raised to the hard limit): sockets past it are refused.
# Holds the shared heavy-run lock /tmp/paddock-heavy.lock. Loopback only; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
sockets="${1:-18000}"
procs="${2:-2}"
port="${BENCH_PORT:-18497}"
settle="${SETTLE:-15}"
participants="${PARTICIPANTS:-10}"
db=paddock_bench_spectators
node=bench-spectators
out=target/bench-spectators

[[ -d bench/racing/node_modules/ws ]] || npm ci --prefix bench/racing --no-audit --no-fund >/dev/null
[[ "${PADDOCK_BUILD:-auto}" == no ]] || mvn -B -q -DskipTests package
mkdir -p "$out"
if curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
  echo "port $port is already serving; stop that server or set BENCH_PORT" >&2; exit 1
fi
psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS $db" >/dev/null
PADDOCK_BUILD=no PADDOCK_PORT="$port" PADDOCK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
  scripts/run "$node" > "$out/server.log" 2>&1 &
runner=$!
clients=()
cleanup() {
  for c in "${clients[@]}"; do kill "$c" 2>/dev/null || true; done
  # The sleeps that keep the clients' stdin open: left running they would hold the heavy-run lock.
  pkill -x -P $$ sleep 2>/dev/null || true
  kill -TERM "$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"database"' && break
  kill -0 "$runner" 2>/dev/null || { echo "the node exited ($out/server.log)" >&2; exit 1; }
  sleep 1
done
jvm=$(pgrep -f -- "--port $port" | while read -r p; do [[ "$(cat /proc/$p/comm 2>/dev/null)" == java ]] && echo "$p"; done | head -1)
[[ -n "$jvm" ]] || { echo "no node JVM found ($out/server.log)" >&2; exit 1; }

# One running race with PARTICIPANTS participants, straight in the database.
race=$(psql -h 127.0.0.1 -U postgres -d "$db" -qtA -v ON_ERROR_STOP=1 <<SQL | tail -1
WITH o AS (INSERT INTO users (id, display_name, created_at) VALUES (gen_random_uuid(), 'Bench organizer', now()) RETURNING id),
s AS (INSERT INTO seeds (id, seed_number, pool_name, graph_json, total_layers, location, status, created_at)
      VALUES (gen_random_uuid(), 4242, 'bench', '{"total_layers": 10}', 10, 'bench/available/x', 'CONSUMED', now()) RETURNING id),
r AS (INSERT INTO races (id, name, organizer_id, seed_id, pool_name, status, started_at, created_at)
      SELECT gen_random_uuid(), 'Spectators', o.id, s.id, 'bench', 'RUNNING', now(), now() FROM o, s RETURNING id),
u AS (INSERT INTO users (id, display_name, created_at)
      SELECT gen_random_uuid(), 'Racer ' || g, now() FROM generate_series(1, $participants) g RETURNING id, display_name)
INSERT INTO participants (id, race_id, user_id, twitch_username, twitch_display_name, legacy_token_hash, status, color_index, created_at, last_progress_at)
SELECT gen_random_uuid(), r.id, u.id, lower(replace(u.display_name, ' ', '_')), u.display_name, md5(u.id::text), 'READY',
       row_number() OVER () - 1, now(), now() FROM r, u;
SELECT id FROM races WHERE name = 'Spectators';
SQL
)

rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$jvm/status"; }
# The live heap after a full collection (the histogram collects first), in bytes; the histogram to $1.
live() { jcmd "$jvm" GC.class_histogram > "$1"; awk '/^Total/ {print $3}' "$1"; }
ready_ms() { curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/health/ready" | awk '{printf "%.1f", $1 * 1000}'; }

curl -fsS -o /dev/null "http://127.0.0.1:$port/ws/race/$race" || true
sleep 5
heap0=$(live "$out/histogram-0.txt"); rss0=$(rss)
fds0=$(ls "/proc/$jvm/fd" | wc -l)

per=$(( (sockets + procs - 1) / procs ))
for i in $(seq 1 "$procs"); do
  n=$(( i < procs ? per : sockets - per * (procs - 1) ))
  # stdin stays open (the sleep) so the client holds its sockets; it exits when the sleep does at the latest.
  sleep 900 | SPECTATORS_IN_FLIGHT="${IN_FLIGHT:-100}" node bench/racing/spectators.mjs "$n" "ws://127.0.0.1:$port/ws/race/$race" \
    > "$out/client-$i.log" 2> "$out/client-$i.err" &
  clients+=("$!")
done
for _ in $(seq 1 600); do
  done_count=$(cat "$out"/client-*.log 2>/dev/null | grep -c '^handshakes ' || true)
  alive=0; for c in "${clients[@]}"; do kill -0 "$c" 2>/dev/null && alive=$((alive + 1)); done
  [[ "$done_count" -ge "$procs" || "$alive" -lt $((procs - done_count)) ]] && break
  sleep 0.5
done
# Handshakes per second: all sockets over the slowest process's connect time (the processes run side by side).
read -r held slowest < <(cat "$out"/client-*.log | awk '/^handshakes/ {n += $2; if ($3 > t) t = $3} END {printf "%d %d\n", n, t}')
sleep "$settle"
ready=$(ready_ms)
heap1=$(live "$out/histogram-1.txt"); rss1=$(rss)
fds1=$(ls "/proc/$jvm/fd" | wc -l)
closed=$(cat "$out"/client-*.err 2>/dev/null | grep -c . || true)

# Per-socket bytes by class: the histograms' difference over the sockets held (largest first).
awk -v n="$held" 'FNR == 1 { file++ } $1 ~ /^[0-9]+:$/ { b[$4] += (file == 1 ? -$3 : $3); c[$4] += (file == 1 ? -$2 : $2) }
  END { for (k in b) if (b[k] > 0 && n > 0) printf "%10.0f B %8.2f objects  %s\n", b[k] / n, c[k] / n, k }' \
  "$out/histogram-0.txt" "$out/histogram-1.txt" | sort -rn > "$out/delta.txt"

mb() { awk -v b="$1" 'BEGIN {printf "%.0f", b / 1048576}'; }
printf '%s, %s, load %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git rev-parse --short HEAD 2>/dev/null || echo "${BENCH_LABEL:-?}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'node open-file limit %s (soft) / %s (hard); descriptors %s idle, %s with the spectators\n' \
  "$(awk '/Max open files/ {print $4}' "/proc/$jvm/limits")" "$(awk '/Max open files/ {print $5}' "/proc/$jvm/limits")" "$fds0" "$fds1"
printf 'spectators held: %s of %s (client errors: %s)\n' "$held" "$sockets" "$closed"
printf 'handshakes: %s in %.1f s = %.0f/s (%s Node processes, %s in flight each)\n' "$held" \
  "$(awk -v t="$slowest" 'BEGIN {print t / 1000}')" "$(awk -v n="$held" -v t="$slowest" 'BEGIN {print (t > 0 ? n * 1000 / t : 0)}')" \
  "$procs" "${IN_FLIGHT:-100}"
printf 'live heap after a full GC: %s MB idle, %s MB with the spectators: %.1f KB per socket\n' "$(mb "$heap0")" "$(mb "$heap1")" \
  "$(awk -v a="$heap0" -v b="$heap1" -v n="$held" 'BEGIN {print (n > 0 ? (b - a) / n / 1024 : 0)}')"
printf 'RSS: %s MB idle, %s MB with the spectators; /health/ready meanwhile %s ms\n' "$rss0" "$rss1" "$ready"
echo "per socket by class (top 15; all in $out/delta.txt):"
head -15 "$out/delta.txt"
