#!/usr/bin/env bash
# REST read benchmark: the static-file rate of the same server in the same run is the baseline.
# Starts Paddock with scripts/run exactly as shipped (its JVM flags, logging and access log) on its own
# port and database (paddock_bench_rest, dropped first), seeds RACES races (100, open and running,
# straight into the database), warms every path up, then runs wrk on each path in turn and prints
# req/s, p99 and the ratio to the static file. Loopback only; every loop is bounded.
# Usage: bench/rest.sh [seconds per path (20)] [connections (64)]
#   WARMUP (seconds per path, 10), BENCH_PORT (18490), PADDOCK_BUILD (passed to scripts/run: "no" reuses
#   target/paddock.war), PADDOCK_JAVA_OPTS (passed on; unset runs scripts/run's defaults, as shipped),
#   BENCH_PATHS (space-separated, the static file first), BENCH_JFR=file.jfr records the measured part,
#   BENCH_URL=http://127.0.0.1:PORT measures a server already running there (no start, no seeding).
# Needs wrk and psql. Holds the shared heavy-run lock /tmp/paddock-heavy.lock (taken here).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
seconds="${1:-20}"
connections="${2:-64}"
warmup="${WARMUP:-10}"
port="${BENCH_PORT:-18490}"
races="${RACES:-100}"
db=paddock_bench_rest
base="http://127.0.0.1:$port"
read -r -a paths <<< "${BENCH_PATHS:-/css/paddock.css /api/auth/config /health/live /api/pools /api/races?status=open,running}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if [[ -n "${BENCH_URL:-}" ]]; then
  base="$BENCH_URL"; port="${base##*:}"
  n=$(curl -fsS "$base/api/races?status=open,running" | grep -o '"pool_name"' | wc -l || true)
  server=$(pgrep -f -- "--port $port" | while read -r p; do [[ "$(cat /proc/$p/comm)" == java ]] && echo "$p"; done | head -1)
else
  if curl -fs "$base/health/live" >/dev/null 2>&1; then
    echo "port $port is already serving; stop that server or set BENCH_PORT" >&2; exit 1
  fi

  psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS $db" >/dev/null
  PADDOCK_PORT="$port" PADDOCK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    scripts/run > target/bench-rest-server.log 2>&1 &
  runner=$!
  trap 'kill -TERM $runner 2>/dev/null || true; wait $runner 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    curl -fsS "$base/health/ready" 2>/dev/null | grep -q '"database"' && break
    kill -0 "$runner" 2>/dev/null || { echo "Paddock exited (target/bench-rest-server.log)" >&2; exit 1; }
    sleep 1
  done
  curl -fsS "$base/health/ready" 2>/dev/null | grep -q '"database"' \
    || { echo "Paddock did not start (target/bench-rest-server.log)" >&2; exit 1; }
  server=$(pgrep -f -- "--port $port" | while read -r p; do [[ "$(cat /proc/$p/comm)" == java ]] && echo "$p"; done | head -1)

  # RACES races (half open, half running) by one organizer, each on its own seed.
  psql -h 127.0.0.1 -U postgres -d "$db" -qtA -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO users (id, display_name, created_at) VALUES ('00000000-0000-0000-0000-0000000000be', 'Bench organizer', now());
INSERT INTO seeds (id, seed_number, pool_name, graph_json, total_layers, location, status, created_at)
  SELECT md5('seed' || i)::uuid, i, 'bench', '{"total_layers": 10}', 10, 'bench/available/' || i, 'CONSUMED', now()
  FROM generate_series(1, $races) i;
INSERT INTO races (id, name, organizer_id, seed_id, pool_name, status, started_at, created_at)
  SELECT md5('race' || i)::uuid, 'Bench race ' || i, '00000000-0000-0000-0000-0000000000be', md5('seed' || i)::uuid,
         'bench', CASE WHEN i % 2 = 0 THEN 'RUNNING' ELSE 'OPEN' END, CASE WHEN i % 2 = 0 THEN now() END, now()
  FROM generate_series(1, $races) i;
SQL
  # Rows written behind the server's back: the race list snapshot may still hold the empty list for up to
  # its maximum age, so wait until the server lists them (bounded).
  for _ in $(seq 1 90); do
    n=$(curl -fsS "$base/api/races?status=open,running" | grep -o '"pool_name"' | wc -l || true)
    [[ "$n" -ge "$races" ]] && break
    sleep 1
  done
fi
printf 'server pid %s; race list: %s races, %s bytes\n' "$server" "$n" \
  "$(curl -fsS "$base/api/races?status=open,running" | wc -c)"

for path in "${paths[@]}"; do
  wrk -t2 -c"$connections" -d"${warmup}s" "$base$path" >/dev/null
done

if [[ -n "${BENCH_JFR:-}" ]]; then
  jcmd "$server" JFR.start name=bench settings=profile filename="$(realpath -m "$BENCH_JFR")" >/dev/null
fi
# "req/s p99 non2xx" of one wrk run; p99 in ms.
measure() {
  local out rate p99 errors
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$1")
  rate=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)}
        else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.1f", v}' <<< "$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<< "$out")
  echo "$rate $p99 ${errors:-0}"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)
printf '\n%s, %s, wrk -t2 -c%s -d%ss after %ss warm-up per path, server %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  "$(git rev-parse --short HEAD)" "$connections" "$seconds" "$warmup" "$(cat /proc/loadavg | cut -d' ' -f1-3)"
printf '| %-40s | %9s | %8s | %8s | %13s | %s\n' Path "req/s" "p99 ms" "× static" "server CPU/req" "non-2xx"
static_rate=
for path in "${paths[@]}"; do
  before=$(cpu_ticks)
  read -r rate p99 errors < <(measure "$path")
  after=$(cpu_ticks)
  [[ -z "$static_rate" ]] && static_rate=$rate
  ratio=$(awk -v a="$rate" -v b="$static_rate" 'BEGIN {printf "%.2f", a / b}')
  per=$(awk -v t=$((after - before)) -v hz="$hz" -v r="$rate" -v s="$seconds" 'BEGIN {printf "%.3f ms", t / hz * 1000 / (r * s)}')
  printf '| %-40s | %9s | %8s | %8s | %13s | %s\n' "$path" "$rate" "$p99" "$ratio" "$per" "$errors"
done
if [[ -n "${BENCH_JFR:-}" ]]; then
  jcmd "$server" JFR.stop name=bench >/dev/null
  echo "JFR recording: $BENCH_JFR"
fi
