#!/usr/bin/env bash
# Transfers benchmark: one torrent of random data (200 MB unless given) downloaded on loopback from one
# local seeder, by Paddock's engine (the .torrent uploaded to POST /api/jobs) and by aria2c, one after the
# other in the same run. The seeder is aria2c seeding the file it was made from. Both downloaders find it
# through opentracker on loopback (the torrent's announce URL); Paddock is also given it as a direct peer.
# Speed is counted from the first byte written to the last: the bytes each downloader's file holds on
# disk (allocated blocks of a sparse file), sampled every 10 ms, so start-up, tracker and connection
# times are left out for both. CPU per MiB: the downloading process's user+system time between the same
# two moments (for Paddock the whole server JVM). Goal: Paddock >= 1.0 x aria2c.
# Needs root for apt-get (aria2, mktorrent, opentracker, jq, python3 are installed when missing).
# Holds /tmp/paddock-heavy.lock (taken here: do not wrap this script in another flock on that file).
# Usage: bench/transfers.sh [MB] [rounds]   (figures to stdout; record them in docs/benchmarks.md)
# BENCH_JFR=file.jfr records the server with JFR (settings=profile) over all rounds; BENCH_THREADS=1 prints
# each download's CPU per MiB split by thread (names without digits; Linux cuts them at 15 characters).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
size_mb="${1:-200}"
rounds="${2:-1}"
port="${BENCH_PORT:-19380}"
bt_port=19391; seed_port=19392; tracker_port=19393; aria_port=19394

missing=()
for tool in aria2c:aria2 mktorrent:mktorrent opentracker:opentracker jq:jq python3:python3; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if (( ${#missing[@]} )); then
  echo "bench: installing ${missing[*]}" >&2
  apt-get install -y -q "${missing[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
fi

bench_workdir transfers
mkdir -p "$work/seed" "$work/paddock"
echo "bench: $size_mb MB of random data, torrent with 1 MiB pieces" >&2
head -c "${size_mb}M" /dev/urandom > "$work/seed/bench.bin"
total=$(stat -c %s "$work/seed/bench.bin")
mktorrent -l 20 -a "http://127.0.0.1:$tracker_port/announce" -o "$work/bench.torrent" "$work/seed/bench.bin" >/dev/null

# opentracker chroots into -d and, as Debian builds it, serves only the infohashes of its whitelist.
mkdir -p "$work/tracker"
aria2c -S "$work/bench.torrent" | sed -n 's/^Info Hash: //p' > "$work/tracker/whitelist"
opentracker -i 127.0.0.1 -p "$tracker_port" -P "$tracker_port" -d "$work/tracker" -w whitelist >"$work/tracker.log" 2>&1 &
pids+=($!)
aria_common=(--enable-dht=false --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false
             --summary-interval=0 --console-log-level=warn --max-overall-upload-limit=0 --max-overall-download-limit=0)
aria2c "${aria_common[@]}" -d "$work/seed" --seed-ratio=0.0 --bt-seed-unverified=true --listen-port="$seed_port" \
  "$work/bench.torrent" >"$work/seeder.log" 2>&1 &
pids+=($!)

mkdir -p target
bench_database paddock_bench_transfers
bench_start_node target/bench-transfers-server.log "$port" "$bt_port" "$work/paddock"
bench_await_node target/bench-transfers-server.log "$port" 900
server_pid=$(pgrep -f -- "--port $port" | grep -v "^$node_pid\$" | head -1)
token=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org","password":"bench-password-42"}' "http://127.0.0.1:$port/api/auth/login" \
  | jq -r '.access_token // empty')
[[ -n "$token" ]] || { echo "Could not sign in as the bootstrap superadmin"; exit 1; }

# Watches a file until it holds every byte: prints first-byte seconds, bytes at first sight, seconds to
# the last byte, and the CPU seconds the process spent in between. Args: file total pid timeout.
watch_file() {
  python3 - "$@" <<'PY'
import os, sys, time
path, total, pid, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
tick = os.sysconf('SC_CLK_TCK')
def cpu():
    try:
        with open('/proc/%s/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick
    except (OSError, IndexError, ValueError):
        return None
def threads():
    # CPU seconds per thread group (digits in names dropped) of the process, from /proc/PID/task.
    groups = {}
    try:
        tasks = os.listdir('/proc/%s/task' % pid)
    except OSError:
        return groups
    for t in tasks:
        try:
            with open('/proc/%s/task/%s/stat' % (pid, t)) as f:
                raw = f.read()
        except OSError:
            continue
        name = ''.join(c for c in raw[raw.index('(') + 1:raw.rindex(')')] if not c.isdigit())
        fields = raw.rsplit(')', 1)[1].split()
        groups[name] = groups.get(name, 0) + (int(fields[11]) + int(fields[12])) / tick
    return groups
split = os.environ.get('BENCH_THREADS')
start = time.monotonic()
first = None
last_cpu = cpu()
while time.monotonic() - start < timeout:
    c = cpu()
    last_cpu = c if c is not None else last_cpu
    try:
        written = os.stat(path).st_blocks * 512
    except FileNotFoundError:
        written = 0
    now = time.monotonic()
    if first is None and written > 0:
        first, at_first, cpu_first = now, written, last_cpu
        threads_first = threads() if split else None
    if first is not None and written >= total:
        print("%.3f %d %.3f %.2f" % (first - start, at_first, now - first, (last_cpu or 0) - (cpu_first or 0)))
        if split:
            mib = (total - at_first) / 1048576
            spent = {k: v - threads_first.get(k, 0) for k, v in threads().items()}
            print("  CPU ms/MiB by thread (pid %s): %s" % (pid, ", ".join(
                "%s %.1f" % (k, 1000 * v / mib) for k, v in sorted(spent.items(), key=lambda kv: -kv[1]) if v > 0)),
                file=sys.stderr)
        sys.exit(0)
    time.sleep(0.01)
print("timeout")
sys.exit(1)
PY
}

mib=$(python3 -c "print($total / 1048576)")
if [[ -n "${BENCH_JFR:-}" ]]; then
  jcmd "$server_pid" JFR.start name=bench settings=profile filename="$(realpath -m "$BENCH_JFR")" >/dev/null
fi
results=()
for round in $(seq 1 "$rounds"); do
  # Paddock: upload the .torrent, the seeder as a direct peer too.
  job=$(curl -fs -H "Authorization: Bearer $token" -F "torrent=@$work/bench.torrent;type=application/x-bittorrent" \
    -F "peers=127.0.0.1:$seed_port" "http://127.0.0.1:$port/api/jobs" | jq -r .id)
  [[ -n "$job" && "$job" != null ]] || { echo "The job was not accepted"; exit 1; }
  read -r p_first p_at p_secs p_cpu < <(watch_file "$work/paddock/$job/bench.bin" "$total" "$server_pid" 600)
  for _ in $(seq 1 600); do
    state=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/jobs/$job" | jq -r .state)
    [[ "$state" == completed ]] && break
    sleep 0.1
  done
  [[ "$state" == completed ]] || { echo "The Paddock job did not complete: $state"; exit 1; }
  cmp -s "$work/seed/bench.bin" "$work/paddock/$job/bench.bin" || { echo "Paddock's copy differs"; exit 1; }
  curl -fs -o /dev/null -X DELETE -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/jobs/$job"

  # aria2c as the downloader, into a fresh folder.
  rm -rf "$work/aria" && mkdir -p "$work/aria"
  aria2c "${aria_common[@]}" -d "$work/aria" --seed-time=0 --file-allocation=none --listen-port="$aria_port" \
    "$work/bench.torrent" >"$work/leecher.log" 2>&1 &
  aria=$!
  read -r a_first a_at a_secs a_cpu < <(watch_file "$work/aria/bench.bin" "$total" "$aria" 600)
  wait "$aria" || { echo "aria2c failed: $(tail -3 "$work/leecher.log")"; exit 1; }
  cmp -s "$work/seed/bench.bin" "$work/aria/bench.bin" || { echo "aria2c's copy differs"; exit 1; }

  results+=("$(python3 - "$mib" "$total" "$p_at" "$p_secs" "$p_cpu" "$a_at" "$a_secs" "$a_cpu" <<'PY'
import sys
mib, total = float(sys.argv[1]), int(sys.argv[2])
p_at, p_secs, p_cpu, a_at, a_secs, a_cpu = map(float, sys.argv[3:])
p = (total - p_at) / 1048576 / p_secs
a = (total - a_at) / 1048576 / a_secs
print("paddock %.1f MiB/s (%.2f s, server CPU %.1f ms/MiB) | aria2c %.1f MiB/s (%.2f s, CPU %.1f ms/MiB) | ratio %.2f"
      % (p, p_secs, 1000 * p_cpu / mib, a, a_secs, 1000 * a_cpu / mib, p / a))
PY
)")
  echo "round $round: ${results[-1]}"
done
if [[ -n "${BENCH_JFR:-}" ]]; then
  jcmd "$server_pid" JFR.stop name=bench >/dev/null
  echo "JFR recording (every round, Paddock's and aria2c's downloads): $BENCH_JFR"
fi
echo "size: $size_mb MB ($total bytes), rounds: $rounds, at $(date -u +%Y-%m-%dT%H:%MZ), load: $(uptime | sed 's/.*load average: //')"
