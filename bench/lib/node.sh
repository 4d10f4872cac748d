# What the benchmarks share: the heavy-run lock; for those that start their own Paddock nodes, a scratch
# folder that goes, with every
# process started for the run, when the script exits; a fresh database; a node started by scripts/run
# and waited for. Sourced from the repository root: . bench/lib/node.sh

# bench_heavy_lock "$0" "$@": runs the script again under /tmp/paddock-heavy.lock, unless it holds it.
bench_heavy_lock() {
  if [[ -z "${PADDOCK_HEAVY_LOCKED:-}" ]]; then
    exec env PADDOCK_HEAVY_LOCKED=1 flock /tmp/paddock-heavy.lock "$@"
  fi
}

# bench_workdir NAME: $work (a new folder under /tmp) and $pids; at exit every process in $pids is
# stopped (TERM, then waited for) and the folder removed.
bench_workdir() {
  work=$(mktemp -d "/tmp/paddock-bench-$1.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
  trap "exit 1" INT TERM
}

bench_cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

# bench_database NAME: drops and creates database NAME; $db is its JDBC URL.
bench_database() {
  psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qtAc "CREATE DATABASE $1" >/dev/null
  db="jdbc:postgresql://127.0.0.1:5432/$1"
}

# bench_start_node LOG PORT BT_PORT DOWNLOADS [scripts/run arguments]: starts Paddock in the background
# on $db, its output in LOG, with the JVM flags scripts/run ships (server-config/micro.conf; an exported
# PADDOCK_JAVA_OPTS replaces them, as for scripts/run), the bootstrap superadmin bench@example.org
# (password bench-password-42), the engine on loopback at BT_PORT downloading into DOWNLOADS. More
# settings come from the caller (VAR=value bench_start_node ...). Sets $node_pid and adds it to $pids.
bench_start_node() {
  local log=$1 port=$2 bt_port=$3 downloads=$4
  shift 4
  PADDOCK_PORT="$port" PADDOCK_DB_URL="$db" \
    PADDOCK_BOOTSTRAP_SUPERADMIN_EMAIL=bench@example.org PADDOCK_BOOTSTRAP_SUPERADMIN_PASSWORD=bench-password-42 \
    PADDOCK_TRANSFERS_BT_ADDRESS=127.0.0.1 PADDOCK_TRANSFERS_BT_PORT="$bt_port" \
    PADDOCK_TRANSFERS_DOWNLOAD_DIR="$downloads" \
    scripts/run "$@" > "$log" 2>&1 &
  node_pid=$!
  pids+=($node_pid)
}

# bench_await_node LOG PORT SECONDS: waits until the node on PORT is ready (UP); after SECONDS it shows
# the end of LOG and exits.
bench_await_node() {
  for _ in $(seq 1 "$3"); do
    curl -fs "http://127.0.0.1:$2/health/ready" 2>/dev/null | grep -q '"UP"' && return 0
    sleep 1
  done
  echo "bench: Paddock on port $2 did not start ($1):"; tail -40 "$1"; exit 1
}
