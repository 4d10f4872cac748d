#!/usr/bin/env bash
# Idle race spectators on one node, as scripts/run ships it: how many sockets it holds, how fast they
# open, and what each costs. Starts a node (its own port and database), inserts one running race, then
# measures the live heap (a full collection first: jcmd GC.class_histogram), the RSS and a class
# histogram with no spectator; opens SOCKETS idle spectator sockets from PROCS Node processes
# (bench/racing/spectators.mjs, npm package ws), waits SETTLE seconds and measures again. The histograms'
# difference divided by the sockets is the cost per socket by class (target/bench-spectators-delta.txt).
# Then the same against the bare-Tyrus baseline (io.paddock.racing.BareSpectators: Payara's Tyrus on its own
# Grizzly server, no servlet container, one frame per arrival) in a JVM with the node's flags: its bytes
# and CPU per socket are what the WebSocket stack alone costs (BARE=no skips it).
# Usage: bench/spectators.sh [sockets (18000)] [Node processes (2)]
#   BENCH_PORT (18497), IN_FLIGHT handshakes at once per Node process (100), SETTLE (15), PARTICIPANTS
#   in the race (10), PADDOCK_BUILD as for scripts/run ("no" reuses target/paddock.war),
#   WARM spectators (500) opened and held before the first measurement (0: none),
#   BENCH_JFR=file.jfr records the opening phase with JFR (settings=profile),
#   BENCH_HEAP_DUMP=file.hprof dumps the live heap with the spectators held (jcmd GC.heap_dump).
# The node's open-file limit is scripts/run's (raised to the hard limit): sockets past it are refused.
# Holds the shared heavy-run lock /tmp/paddock-heavy.lock. Loopback only; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
sockets="${1:-18000}"
procs="${2:-2}"
per=$(( (sockets + procs - 1) / procs ))   # spectators per Node process (the last one takes the rest)
port="${BENCH_PORT:-18497}"
settle="${SETTLE:-15}"
participants="${PARTICIPANTS:-10}"
db=paddock_bench_spectators
node=bench-spectators
out=target/bench-spectators

[[ -d bench/racing/node_modules/ws ]] || npm ci --prefix bench/racing --no-audit --no-fund >/dev/null
[[ "${PADDOCK_BUILD:-auto}" == no ]] || mvn -B -q -DskipTests package
if [[ "${BARE:-yes}" != no ]]; then
  mvn -B -o -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
  # A copy of the classes, so that compiling in this tree meanwhile does not pull them away.
  rm -rf target/bench-spectators-classes && cp -r target/test-classes target/bench-spectators-classes
fi
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
# warm_up URL: WARM (500) spectators held through the run, opened before the first histogram; waits for them.
warm_up() {
  [[ "${WARM:-500}" -gt 0 ]] || return 0
  sleep 900 | SPECTATORS_IN_FLIGHT="${IN_FLIGHT:-100}" node bench/racing/spectators.mjs "${WARM:-500}" "$1" \
    > "$out/warm.log" 2> "$out/warm.err" &
  clients+=("$!")
  local warm=$!
  for _ in $(seq 1 240); do grep -q '^handshakes ' "$out/warm.log" 2>/dev/null && break; kill -0 "$warm" 2>/dev/null || break; sleep 0.5; done
}
# open_spectators URL: SOCKETS spectators from PROCS Node processes; returns once every process has
# reported its handshakes (or the ones left have exited). stdin stays open (the sleep) so a client holds
# its sockets; it exits when the sleep does at the latest.
open_spectators() {
  rm -f "$out"/client-*.log "$out"/client-*.err
  local first=${#clients[@]} i n c done_count alive
  for i in $(seq 1 "$procs"); do
    n=$(( i < procs ? per : sockets - per * (procs - 1) ))
    sleep 900 | SPECTATORS_IN_FLIGHT="${IN_FLIGHT:-100}" node bench/racing/spectators.mjs "$n" "$1" \
      > "$out/client-$i.log" 2> "$out/client-$i.err" &
    clients+=("$!")
  done
  for _ in $(seq 1 600); do
    done_count=$(cat "$out"/client-*.log 2>/dev/null | grep -c '^handshakes ' || true)
    alive=0; for c in "${clients[@]:$first}"; do kill -0 "$c" 2>/dev/null && alive=$((alive + 1)); done
    [[ "$done_count" -ge "$procs" || "$alive" -lt $((procs - done_count)) ]] && break
    sleep 0.5
  done
}
# opened: "sockets-held slowest-process-ms" from the clients' reports.
opened() { cat "$out"/client-*.log | awk '/^handshakes/ {n += $2; if ($3 > t) t = $3} END {printf "%d %d\n", n, t}'; }

curl -fs -o /dev/null "http://127.0.0.1:$port/ws/race/$race" || true
# Warm-up spectators, held through the run and opened before the first histogram: what the first burst
# of handshakes grows once (the container's worker threads and their buffers, compiled code, caches)
# is then in both histograms, so the difference is what each further socket costs.
warm_up "ws://127.0.0.1:$port/ws/race/$race"
sleep 5
heap0=$(live "$out/histogram-0.txt"); rss0=$(rss)
fds0=$(ls "/proc/$jvm/fd" | wc -l)

# The server's CPU (user + system, clock ticks) over the opening phase, for the CPU per handshake.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
hz=$(getconf CLK_TCK)
[[ -z "${BENCH_JFR:-}" ]] || jcmd "$jvm" JFR.start name=spectators settings=profile >/dev/null
cpu0=$(cpu_ticks)
open_spectators "ws://127.0.0.1:$port/ws/race/$race"
# Handshakes per second: all sockets over the slowest process's connect time (the processes run side by side).
cpu1=$(cpu_ticks)
[[ -z "${BENCH_JFR:-}" ]] || jcmd "$jvm" JFR.stop name=spectators filename="$(realpath -m "$BENCH_JFR")" >/dev/null
read -r held slowest < <(opened)
sleep "$settle"
ready=$(ready_ms)
heap1=$(live "$out/histogram-1.txt"); rss1=$(rss)
fds1=$(ls "/proc/$jvm/fd" | wc -l)
[[ -z "${BENCH_HEAP_DUMP:-}" ]] || jcmd "$jvm" GC.heap_dump "$(realpath -m "$BENCH_HEAP_DUMP")" >/dev/null
closed=$(cat "$out"/client-*.err 2>/dev/null | grep -c . || true)

# Per-socket bytes by class: the histograms' difference over the sockets held (largest first).
awk -v n="$held" 'FNR == 1 { file++ } $1 ~ /^[0-9]+:$/ { b[$4] += (file == 1 ? -$3 : $3); c[$4] += (file == 1 ? -$2 : $2) }
  END { for (k in b) if (b[k] > 0 && n > 0) printf "%10.0f B %8.2f objects  %s\n", b[k] / n, c[k] / n, k }' \
  "$out/histogram-0.txt" "$out/histogram-1.txt" | sort -rn > "$out/delta.txt"

mb() { awk -v b="$1" 'BEGIN {printf "%.0f", b / 1048576}'; }
printf '%s, %s, load %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git rev-parse --short HEAD 2>/dev/null || echo "${BENCH_LABEL:-?}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'node open-file limit %s (soft) / %s (hard); descriptors %s idle, %s with the spectators\n' \
  "$(awk '/Max open files/ {print $4}' "/proc/$jvm/limits")" "$(awk '/Max open files/ {print $5}' "/proc/$jvm/limits")" "$fds0" "$fds1"
printf 'spectators held: %s of %s (client errors: %s), besides %s warm-up spectators opened before the first measurement\n' "$held" "$sockets" "$closed" "${WARM:-500}"
printf 'handshakes: %s in %.1f s = %.0f/s (%s Node processes, %s in flight each)\n' "$held" \
  "$(awk -v t="$slowest" 'BEGIN {print t / 1000}')" "$(awk -v n="$held" -v t="$slowest" 'BEGIN {print (t > 0 ? n * 1000 / t : 0)}')" \
  "$procs" "${IN_FLIGHT:-100}"
printf 'server CPU while opening: %.2f s = %.3f ms per handshake\n' "$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" 'BEGIN {print t / hz}')" \
  "$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n="$held" 'BEGIN {print (n > 0 ? t * 1000 / hz / n : 0)}')"
printf 'live heap after a full GC: %s MB idle, %s MB with the spectators: %.1f KB per socket\n' "$(mb "$heap0")" "$(mb "$heap1")" \
  "$(awk -v a="$heap0" -v b="$heap1" -v n="$held" 'BEGIN {print (n > 0 ? (b - a) / n / 1024 : 0)}')"
printf 'RSS: %s MB idle, %s MB with the spectators; /health/ready meanwhile %s ms\n' "$rss0" "$rss1" "$ready"
echo "per socket by class (top 15; all in $out/delta.txt):"
head -15 "$out/delta.txt"

[[ "${BARE:-yes}" != no ]] || exit 0
# --- The bare-Tyrus baseline, same client, same counts, the node stopped first. ---
for c in "${clients[@]}"; do kill "$c" 2>/dev/null || true; done
pkill -x -P $$ sleep 2>/dev/null || true
kill -TERM "$runner" 2>/dev/null || true
wait "$runner" 2>/dev/null || true
clients=()
bare_port=$((port + 1))
rm -f "$out/bare.log"
# shellcheck disable=SC2046 # micro.conf's JVM flags are a space-separated list
java $(sed -n 's/^jvm=//p' server-config/micro.conf) -cp "target/bench-spectators-classes:$(cat target/bench.cp)" \
  io.paddock.racing.BareSpectators "$bare_port" "${BARE_FRAME:-600}" > "$out/bare.log" 2>&1 &
runner=$!
for _ in $(seq 1 60); do grep -q listening "$out/bare.log" 2>/dev/null && break; sleep 0.5; done
jvm=$runner
url="ws://127.0.0.1:$bare_port/bare/race/room"
warm_up "$url"
sleep 5
bheap0=$(live "$out/bare-histogram-0.txt")
cpu0=$(cpu_ticks)
open_spectators "$url"
cpu1=$(cpu_ticks)
read -r bheld bslowest < <(opened)
sleep "$settle"
bheap1=$(live "$out/bare-histogram-1.txt")
printf 'bare Tyrus: %s held; handshakes %.0f/s; server CPU %.3f ms per handshake; %.1f KB per socket\n' "$bheld" \
  "$(awk -v n="$bheld" -v t="$bslowest" 'BEGIN {print (t > 0 ? n * 1000 / t : 0)}')" \
  "$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n="$bheld" 'BEGIN {print (n > 0 ? t * 1000 / hz / n : 0)}')" \
  "$(awk -v a="$bheap0" -v b="$bheap1" -v n="$bheld" 'BEGIN {print (n > 0 ? (b - a) / n / 1024 : 0)}')"
