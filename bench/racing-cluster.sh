#!/usr/bin/env bash
# Racing benchmark across a cluster, beside one node, in one run: first one node alone (mods and
# spectators on it), then two clustered nodes on loopback with every mod on node a and every spectator
# on node b, so each update crosses the data grid before it reaches a spectator. Same scenarios,
# client (io.paddock.racing.RacingBench) and bare-Tyrus baseline as bench/racing.sh; compare the
# p99 mod → spectator and the delivery rates of the two "paddock:" lines per scenario.
# The whole run holds the shared heavy-run lock /tmp/paddock-heavy.lock (taken here: do not wrap this
# script in another flock on the same file). Loopback only; every loop is bounded.
# Usage: bench/racing-cluster.sh [seconds]   (BENCH_SCENARIOS, BENCH_QUERY, BENCH_NODE_PROCS as in
# bench/racing.sh; BENCH_PORT (18480) and the next port are the nodes' HTTP ports, BENCH_GRID_PORT
# (18590) and the next port their data-grid ports; the cluster's name is unique to the run.)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
seconds="${1:-30}"
port_a="${BENCH_PORT:-18480}"
port_b=$((port_a + 1))
db="jdbc:postgresql://127.0.0.1:5432/paddock_bench_cluster"
grid_a="${BENCH_GRID_PORT:-18590}"
grid_b=$((grid_a + 1))
members="127.0.0.1:$grid_a,127.0.0.1:$grid_b"
cluster_name="paddock-bench-$$"

[[ -d bench/racing/node_modules/ws ]] || npm ci --prefix bench/racing --no-audit --no-fund >/dev/null
mvn -B -q -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
rm -rf target/bench-classes && mkdir -p target/bench-classes
cp -r target/classes target/bench-classes/main && cp -r target/test-classes target/bench-classes/test
cp="target/bench-classes/test:target/bench-classes/main:$(cat target/bench.cp)"
IFS=, read -r -a scenarios <<< "${BENCH_SCENARIOS:-1 100 1000,10 20 200}"

servers=()
stop_all() {
  for s in "${servers[@]}"; do kill -TERM "$s" 2>/dev/null || true; done
  for s in "${servers[@]}"; do wait "$s" 2>/dev/null || true; done
  servers=()
}
trap stop_all EXIT

# node name, HTTP port, [cluster data-grid port]: a node from target/nodes/bench-<name> with the shipped JVM flags.
start_node() {
  rm -rf "target/nodes/bench-$1"
  if [[ -n "${3:-}" ]]; then
    PADDOCK_CLUSTER_MEMBERS="$members" PADDOCK_CLUSTER_NAME="$cluster_name" PADDOCK_CLUSTER_PORT="$3" PADDOCK_BUILD=no \
      PADDOCK_PORT="$2" PADDOCK_DB_URL="$db" \
      scripts/run "bench-$1" > "target/bench-server-$1.log" 2>&1 &
  else
    PADDOCK_BUILD=no PADDOCK_PORT="$2" PADDOCK_DB_URL="$db" \
      scripts/run "bench-$1" > "target/bench-server-$1.log" 2>&1 &
  fi
  servers+=($!)
}
await_ready() {
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$1/health/ready" 2>/dev/null | grep -q database && return 0
    sleep 1
  done
  echo "Paddock on :$1 did not start (target/bench-server-*.log)"; exit 1
}
server_pid() { pgrep -f -- "--port $1" | head -1; }
bench() { # label, mods' base port, spectators' base port
  for scenario in "${scenarios[@]}"; do
    set -- "$1" "$2" "$3" $scenario
    echo "== $1: $4 rooms x $5 mods x $6 spectators"
    BENCH_SPECTATORS_AT="http://127.0.0.1:$3" BENCH_SERVER_PID=$(server_pid "$2") java -Xmx2g -cp "$cp" \
      io.paddock.racing.RacingBench "http://127.0.0.1:$2" "$db" "$4" "$5" "$6" "$seconds" "${BENCH_QUERY:-}" \
      2>>target/bench-client.err | grep --line-buffered -v "^INFO\|^Nov"
  done
}

psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS paddock_bench_cluster" >/dev/null
start_node one "$port_a"
await_ready "$port_a"
bench "one node" "$port_a" "$port_a"
stop_all

psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS paddock_bench_cluster" >/dev/null
start_node a "$port_a" "$grid_a"
await_ready "$port_a"
start_node b "$port_b" "$grid_b"
await_ready "$port_b"
bench "two nodes, mods on a, spectators on b" "$port_a" "$port_b"
