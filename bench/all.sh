#!/usr/bin/env bash
# Every benchmark in turn, bounded (BUDGET seconds in all, 1800 by default; each one also has its own
# limit), then one summary table: goal, figure, and the ratio to the baseline each measures in the same
# run. The full output of each goes to target/bench-all/<name>.log. Copy the table to the top of
# docs/benchmarks.md with the date and commit it prints.
# Usage: bench/all.sh [names…]   (default: rest boot racing telemetry discord admin-search transfers)
# Holds the shared heavy-run lock /tmp/paddock-heavy.lock for the whole run (the scripts it runs then do
# not take it again).
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
budget="${BUDGET:-1800}"
deadline=$(( $(date +%s) + budget ))
out=target/bench-all
mkdir -p "$out"
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(rest boot racing spectators telemetry discord admin-search transfers)
mvn -B -q -DskipTests package || exit 1
export PADDOCK_BUILD=no

# name → command, limit in seconds, goal
declare -A cmd=(
  [rest]="bench/rest.sh 20 64" [boot]="bench/boot.sh" [racing]="bench/racing.sh 15"
  [telemetry]="env WARMUP=30 bench/telemetry/run.sh 5000 60 64" [discord]="bench/discord.sh"
  [admin-search]="bench/admin-search.sh 300" [transfers]="bench/transfers.sh" [spectators]="bench/spectators.sh 18000 2")
declare -A limit=([rest]=420 [boot]=600 [racing]=420 [telemetry]=600 [discord]=420 [admin-search]=600 [transfers]=420 [spectators]=420)
declare -A goal=(
  [rest]="constant JSON ≥ 0.8 ×, race list ≥ 0.5 × static file; p99 ≤ 50 ms"
  [boot]="ready ≤ 10 s, idle RSS ≤ 400 MB" [racing]="p99 ≤ 100 ms, ≥ 0.8 × bare Tyrus"
  [telemetry]="≥ 5,000 heartbeats/s" [discord]="p99 ≤ 10 ms, ≥ 0.8 × bare Tyrus"
  [admin-search]="p99 ≤ 50 ms" [transfers]="≥ 1.0 × aria2c"
  [spectators]="20,000 idle: live heap ≤ 1 GB, ≤ 10 KB each, RSS ≤ 1.5 GB, ≥ 2,000 handshakes/s")

# The lines of a log that carry its figures.
figures() {
  case "$1" in
    rest) grep -E '^\| /' "$2" | awk -F'|' '{gsub(/ +/, " "); printf "%s %s req/s p99 %s ms × %s;", $2, $3, $4, $5}' ;;
    boot) grep -E 'median' "$2" | sed 's/.*UTC, [0-9a-f]*: //' ;;
    spectators) grep -E '^(spectators held|handshakes|live heap|RSS)' "$2" | tr '\n' ';' ;;
    *) grep -v '^\s*$' "$2" | grep -iE 'ratio|p99|/s|paddock:|tyrus|aria2c|heartbeats' | tail -4 | tr '\n' ';' ;;
  esac
}

rows=()
for name in "${names[@]}"; do
  [[ -n "${cmd[$name]:-}" ]] || { echo "unknown benchmark: $name" >&2; continue; }
  left=$(( deadline - $(date +%s) ))
  if (( left < 60 )); then
    rows+=("| $name | ${goal[$name]} | skipped: the ${budget} s budget is spent | |")
    continue
  fi
  t=$(( left < ${limit[$name]} ? left : ${limit[$name]} ))
  printf 'bench/all: %s (at most %s s)…\n' "$name" "$t" >&2
  timeout --kill-after=30 "$t" ${cmd[$name]} > "$out/$name.log" 2>&1
  code=$?
  status=$([[ $code == 0 ]] && echo ok || ([[ $code == 124 ]] && echo "stopped at $t s" || echo "exit $code"))
  rows+=("| $name | ${goal[$name]} | $(figures "$name" "$out/$name.log" | cut -c1-400) | $status |")
done

printf '\n%s, %s, host load %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git rev-parse --short HEAD)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "| Benchmark | Goal | Figures (same-run baselines in the figures) | Run |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
