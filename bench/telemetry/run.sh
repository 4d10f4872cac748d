#!/usr/bin/env bash
# Heartbeat benchmark: Payara Micro with the built WAR on a scratch database, then the load client.
#   bench/telemetry/run.sh [RATE=5000] [SECONDS=60] [CONNECTIONS=64]     (WARMUP=30 seconds by default)
#   BENCH_WAR=other.war runs another build; BENCH_JFR=file.jfr records the server with JFR (profile settings); LOAD_CLIENT=other/HeartbeatLoad.java another client.
#   After the window the client writes the same rows by plain JDBC batches for BASELINE seconds (default 15,
#   0 skips it; BASELINE_BATCH heartbeats per transaction, default 1000) and prints the server's rate as a
#   ratio to it (the line starting RESULT).
# Needs: mvn package done (target/paddock.war, target/payara-micro.jar), PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
# One heavy run at a time on this machine (other benchmarks and test servers take the same lock).
if [ -z "${PADDOCK_HEAVY_LOCKED:-}" ]; then
  export PADDOCK_HEAVY_LOCKED=1
  exec flock /tmp/paddock-heavy.lock "$0" "$@"
fi
RATE="${1:-5000}"; SECONDS_="${2:-60}"; CONNECTIONS="${3:-64}"; WARMUP="${WARMUP:-30}"
DB=paddock_bench_telemetry
PORT="${BENCH_PORT:-8391}"
KEY="$(head -c 32 /dev/urandom | base64)"
PG_JAR="$(ls ~/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar)"

psql -h 127.0.0.1 -U postgres -qtA -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" postgres
export PADDOCK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PADDOCK_DB_USER=postgres PADDOCK_DB_PASSWORD=
export PADDOCK_TELEMETRY_SECRET_KEY="$KEY"
if curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then
  echo "port $PORT is already serving; stop that server or set BENCH_PORT" >&2; exit 1
fi
rm -rf target/bench-root && mkdir -p target/bench-root   # a reused root dir redeploys the previous run's app too
# The server runs as scripts/run ships it: server-config/micro with micro.conf's JVM flags and options (no
# data grid on a single node, the access log on); no class-data-sharing archive (it only shortens the start).
jvm="$(sed -n 's/^jvm=//p' server-config/micro.conf)"
if [ -n "${BENCH_JFR:-}" ]; then jvm="$jvm -XX:StartFlightRecording=settings=profile,filename=$BENCH_JFR"; fi
PADDOCK_PORT="$PORT" PADDOCK_JAVA_OPTS="$jvm" PADDOCK_CDS_ARCHIVE=off \
  server-config/micro target/payara-micro.jar "${BENCH_WAR:-target/paddock.war}" target/bench-root \
  > target/bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1
done
echo "server pid $SERVER ready"
# Warm-up (creates the sessions, warms the JIT; lasts until every installation has been answered), the
# measured window and the JDBC baseline in one client run; it reads the server's CPU from /proc over the window
# and counts the stored heartbeats before the baseline writes the same columns.
java -cp "$PG_JAR" "${LOAD_CLIENT:-bench/telemetry/HeartbeatLoad.java}" "http://127.0.0.1:$PORT" "$PADDOCK_DB_URL" "$KEY" "$RATE" \
  "$SECONDS_" "$CONNECTIONS" "$WARMUP" "$SERVER"
