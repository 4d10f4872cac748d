#!/usr/bin/env bash
# Boot and memory of a node as scripts/run ships it: time from the JVM's start to ready (Paddock's own
# readiness check, with the database, answers), and the resident memory (RSS) after a minute idle.
# One start first writes the class-data-sharing archive (it is written when that JVM exits); then RUNS
# (3) measured starts, each on a fresh Payara root folder and its own database, and the medians.
# Usage: bench/boot.sh   (BENCH_PORT 18495, IDLE seconds before RSS 60, RUNS 3; PADDOCK_BUILD as for
# scripts/run: "no" reuses target/paddock.war). Holds the shared heavy-run lock /tmp/paddock-heavy.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
port="${BENCH_PORT:-18495}"
idle="${IDLE:-60}"
runs="${RUNS:-3}"
db=paddock_bench_boot
node=bench-boot
hz=$(getconf CLK_TCK)
if curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
  echo "port $port is already serving; stop that server or set BENCH_PORT" >&2; exit 1
fi
[[ "${PADDOCK_BUILD:-auto}" == no ]] || mvn -B -q -DskipTests package
rm -f "target/nodes/$node/paddock-cds.jsa"

# Whatever ends this script, no node of it stays behind (it would hold the port and disturb what runs next).
trap 'pkill -f -- "--port $port" 2>/dev/null || true' EXIT

# One start: prints "seconds-to-ready rss-MB"; $1 = "measure" waits IDLE seconds for the RSS.
start() {
  psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS $db" >/dev/null
  PADDOCK_BUILD=no PADDOCK_PORT="$port" PADDOCK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    scripts/run "$node" > "target/bench-boot-$2.log" 2>&1 &
  local runner=$! jvm= ready= rss=
  for _ in $(seq 1 6000); do
    # No match yet is no error (set -e here would end the run silently and leave the node running).
    jvm=$(pgrep -f -- "--port $port" | while read -r p; do [[ "$(cat /proc/$p/comm 2>/dev/null)" == java ]] && echo "$p"; done | head -1 || true)
    [[ -n "$jvm" ]] && break
    sleep 0.05
  done
  for _ in $(seq 1 6000); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"database"'; then
      # Seconds since the JVM process started (its start time in clock ticks after boot, from /proc).
      ready=$(awk -v hz="$hz" -v start="$(awk '{print $22}' "/proc/$jvm/stat")" '{printf "%.1f", $1 - start / hz}' /proc/uptime)
      break
    fi
    kill -0 "$runner" 2>/dev/null || break
    sleep 0.1
  done
  if [[ "$1" == measure && -n "$ready" ]]; then
    sleep "$idle"
    rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$jvm/status")
  fi
  kill -TERM "$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  echo "${ready:-failed} ${rss:--}"
}

read -r first _ < <(start prime 0)
printf 'first start (writes the CDS archive on exit): ready after %s s\n' "$first"
ls -la "target/nodes/$node/paddock-cds.jsa" 2>/dev/null | awk '{printf "CDS archive: %.0f MB\n", $5 / 1048576}' || echo "no CDS archive"
readies=(); rsses=()
for i in $(seq 1 "$runs"); do
  read -r ready rss < <(start measure "$i")
  printf 'run %s: ready after %s s, RSS %s MB after %s s idle\n' "$i" "$ready" "$rss" "$idle"
  readies+=("$ready"); rsses+=("$rss")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
printf '%s, %s: median ready %s s (goal ≤ 10), median RSS %s MB (goal ≤ 400), host load %s\n' \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git rev-parse --short HEAD)" "$(median "${readies[@]}")" \
  "$(median "${rsses[@]}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
