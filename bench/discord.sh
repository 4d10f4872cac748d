#!/usr/bin/env bash
# Discord benchmark: stand-in gateway event → browser sockets on /api/ws, against a bare Tyrus fan-out
# in the same run. io.paddock.discord.DiscordBench (src/test/java) starts the Discord stand-in in its
# JVM, then Paddock (scripts/run, its shipped JVM flags) on its own port and database pointed at it,
# connects the browsers (java.net.http), sends one VOICE_STATE_UPDATE per round and measures each
# socket's voice.joined; then the same number of sockets on a bare Tyrus server get a frame of the same
# size. Loopback only; every wait is bounded. Run it on a quiet machine: figures taken while other
# builds run say nothing.
# The whole run holds the shared heavy-run lock /tmp/paddock-heavy.lock (taken here).
# Usage: bench/discord.sh [browsers] [rounds]   (defaults 1000 and 200; record figures in docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/node.sh
bench_heavy_lock "$0" "$@"
browsers="${1:-1000}"
rounds="${2:-200}"
port="${BENCH_PORT:-18490}"
db="jdbc:postgresql://127.0.0.1:5432/paddock_bench_discord"

mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS paddock_bench_discord" >/dev/null
rm -rf target/micro-root
rm -rf target/bench-classes && mkdir -p target/bench-classes
cp -r target/classes target/bench-classes/main && cp -r target/test-classes target/bench-classes/test
cp="target/bench-classes/test:target/bench-classes/main:$(cat target/bench.cp)"
\
  java -Xmx2g -cp "$cp" io.paddock.discord.DiscordBench "$port" "$db" "$browsers" "$rounds" \
  2>>target/bench-client.err | grep --line-buffered -v "^INFO\|^Dec\|^Nov"
