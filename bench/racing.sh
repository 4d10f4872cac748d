#!/usr/bin/env bash
# Racing benchmark: starts Paddock (scripts/run, its shipped JVM flags) on its own port and
# database, then runs io.paddock.racing.RacingBench (src/test/java) for each scenario; the bare-Tyrus
# baseline runs in the same JVM right after Paddock with frames of the same bytes per update.
# Spectators are Node processes (bench/racing/spectators.mjs, npm package ws, installed here with
# npm ci when missing). Loopback only; every loop is bounded.
# The whole run holds the shared heavy-run lock /tmp/paddock-heavy.lock (taken here: do not wrap this
# script in another flock on the same file, that would wait forever).
# Usage: bench/racing.sh [seconds]   (figures go to stdout; record them in docs/benchmarks.md)
# BENCH_SCENARIOS="rooms mods spectators,…" replaces the two scenarios of the issue;
# BENCH_QUERY=frames=player_update makes Paddock spectators use the per-participant frames;
# BENCH_NODE_PROCS (1) spreads the spectators over that many Node processes;
# BENCH_WARMUP (5) is how many seconds of load come before the measured window.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
seconds="${1:-30}"
port="${BENCH_PORT:-18480}"
db="jdbc:postgresql://127.0.0.1:5432/paddock_bench_racing"

[[ -d bench/racing/node_modules/ws ]] || npm ci --prefix bench/racing --no-audit --no-fund >/dev/null
mvn -B -o -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS paddock_bench_racing" >/dev/null
# A fresh Payara root: a reused one deploys the previous WAR again right after "ready" (404s meanwhile).
rm -rf target/micro-root
# The JVM flags scripts/run ships (micro.conf; an exported PADDOCK_JAVA_OPTS replaces them).
PADDOCK_PORT="$port" PADDOCK_DB_URL="$db" \
  scripts/run > target/bench-server.log 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "Paddock did not start (target/bench-server.log)"; exit 1; }
server_pid() { pgrep -f -- "--port $port" | grep -v "^$server\$" | head -1; }

# A copy of the classes, so that compiling in this tree during a run does not pull them away.
rm -rf target/bench-classes && mkdir -p target/bench-classes
cp -r target/classes target/bench-classes/main && cp -r target/test-classes target/bench-classes/test
cp="target/bench-classes/test:target/bench-classes/main:$(cat target/bench.cp)"
IFS=, read -r -a scenarios <<< "${BENCH_SCENARIOS:-1 100 1000,10 20 200}"
for scenario in "${scenarios[@]}"; do
  set -- $scenario
  BENCH_SERVER_PID=$(server_pid) java -Xmx2g -cp "$cp" io.paddock.racing.RacingBench "http://127.0.0.1:$port" "$db" \
    "$1" "$2" "$3" "$seconds" "${BENCH_QUERY:-}" 2>>target/bench-client.err | grep --line-buffered -v "^INFO\|^Nov"
done
