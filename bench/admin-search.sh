#!/usr/bin/env bash
# Staff search benchmark: 1,000,000 users and 1,000,000 audit entries, then GET /api/admin/search for
# queries that match few, some and many rows, timed from a client on loopback. Baseline in the same
# run: the same SQL the user and audit sources send, executed by PostgreSQL itself (EXPLAIN ANALYZE's
# execution time), so the figure separates the database's share from Paddock's. Goal: p99 ≤ 50 ms per
# search. BENCH_PORT and BENCH_DB choose the server's port and database (18490, paddock_bench_search).
# Holds /tmp/paddock-heavy.lock. Usage: bench/admin-search.sh [searches]   (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
if [[ -z "${PADDOCK_HEAVY_LOCKED:-}" ]]; then
  exec env PADDOCK_HEAVY_LOCKED=1 flock /tmp/paddock-heavy.lock "$0" "$@"
fi
command -v jq >/dev/null || { echo "bench: installing jq" >&2; apt-get install -y -q jq >/dev/null; }
searches="${1:-300}"
port="${BENCH_PORT:-18490}"
name="${BENCH_DB:-paddock_bench_search}"
db="jdbc:postgresql://127.0.0.1:5432/$name"
psql_db() { psql -h 127.0.0.1 -U postgres -d "$name" -v ON_ERROR_STOP=1 -qtA "$@"; }

psql -h 127.0.0.1 -U postgres -qtAc "DROP DATABASE IF EXISTS $name" >/dev/null
psql -h 127.0.0.1 -U postgres -qtAc "CREATE DATABASE $name" >/dev/null
# Build first (unless PADDOCK_BUILD=no), so the wait below is the server's start only.
if [[ "${PADDOCK_BUILD:-yes}" != no ]]; then
  echo "bench: building…" >&2
  mvn -B -q -DskipTests package
fi
PADDOCK_BUILD=no PADDOCK_PORT="$port" PADDOCK_DB_URL="$db" \
  PADDOCK_BOOTSTRAP_SUPERADMIN_EMAIL=bench@example.org PADDOCK_BOOTSTRAP_SUPERADMIN_PASSWORD=bench-password-42 \
  scripts/run > target/bench-search-server.log 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 480); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "Paddock did not start (target/bench-search-server.log)"; exit 1; }

echo "Loading 1,000,000 users and 1,000,000 audit entries…" >&2
load_start=$(date +%s)
# The search indexes keep no pending list (V89); for the bulk load only, they take one (merged in 4 MB
# batches, much faster than a million single inserts) and are put back as the migration left them.
search_indexes="users_search_name users_search_email audit_log_search"
for index in $search_indexes; do psql_db -c "ALTER INDEX $index SET (fastupdate = on)"; done
psql_db <<'SQL'
INSERT INTO users (id, display_name, email, role, member_state, created_at)
SELECT md5('u' || g)::uuid,
       (ARRAY['Ada','Grace','Linus','Ayrton','Niki','Michele','Sebastian','Kimi','Lewis','Charles'])[1 + g % 10]
         || ' ' || substr(md5('n' || g), 1, 8),
       'driver' || g || '@' || (ARRAY['example.org','racing.test','paddock.dev'])[1 + g % 3],
       'USER', 'PENDING', now() - (g || ' seconds')::interval
FROM generate_series(1, 1000000) g;
INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, reason, ticket_id)
SELECT now() - (g || ' seconds')::interval, md5('u' || (g % 5000 + 1))::uuid,
       'Staff ' || substr(md5('s' || (g % 5000)), 1, 6),
       (ARRAY['identity.role.change','telemetry.result.review','telemetry.member.set','racing.race.cancel'])[1 + g % 4],
       'user', md5('t' || g)::uuid::text, 'Benchmark row number ' || g, 'BENCH-' || g
FROM generate_series(1, 1000000) g;
SQL
for index in $search_indexes; do
  psql_db -c "SELECT gin_clean_pending_list('$index')" >/dev/null
  psql_db -c "ALTER INDEX $index SET (fastupdate = off)"
done
psql_db -c "ANALYZE users" -c "ANALYZE audit_log"
echo "Loaded in $(( $(date +%s) - load_start )) s" >&2

token=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org","password":"bench-password-42"}' "http://127.0.0.1:$port/api/auth/login" \
  | jq -r '.access_token // empty')
[[ -n "$token" ]] || { echo "Could not sign in as the bootstrap superadmin"; exit 1; }

# Few matches (one user's unique suffix), some (a common first name + part of a hash), many (a domain).
queries=("$(psql_db -c "SELECT substr(display_name, 4) FROM users WHERE email = 'driver777@example.org'")"
         "grace 1a" "racing.test" "member.set" "staff 3f" "nobody-matches-this")
warm=50
for i in $(seq 1 $warm); do
  curl -fs -o /dev/null -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/admin/search?q=$(printf %s "${queries[$((i % ${#queries[@]}))]}" | jq -sRr @uri)"
done
times=target/bench-search-times.txt; : > "$times"
for i in $(seq 1 "$searches"); do
  q="${queries[$((i % ${#queries[@]}))]}"
  curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/admin/search?q=$(printf %s "$q" | jq -sRr @uri)" >> "$times"
done
pct() { sort -n "$times" | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100); if (i<1) i=1; if (i>NR) i=NR; printf "%.1f", a[i]*1000}'; }

# Baseline: PostgreSQL's own execution time (EXPLAIN ANALYZE) for the SQL the user and audit sources send
# for one search, step for step as they send it: the newest rows first, the trigram index only when those
# held fewer than 10 matches (UserSearch, AuditSearch). Sources run side by side, so besides the sum of
# both, the slower of the two is what one search waits for at best.
baseline=target/bench-search-sql.txt; : > "$baseline"
explain() { psql_db -c "EXPLAIN (ANALYZE, FORMAT JSON) $1" | jq -r '.[0] | "\(.["Execution Time"]) \(.Plan["Actual Rows"])"'; }
for q in "${queries[@]}"; do
  needle="%$(printf %s "$q" | tr 'A-Z' 'a-z')%"
  for _ in 1 2 3; do
    read -r recent found < <(explain "SELECT u.* FROM (SELECT * FROM users ORDER BY created_at DESC, id LIMIT 5000) u
      WHERE lower(u.display_name) LIKE '$needle' OR u.email LIKE '$needle' ORDER BY u.created_at DESC, u.id LIMIT 10")
    users=$recent
    if (( found < 10 )); then
      read -r all _ < <(explain "SELECT * FROM users u WHERE lower(u.display_name) LIKE '$needle' OR u.email LIKE '$needle'
        ORDER BY u.created_at DESC, u.id LIMIT 10")
      users=$(awk -v a="$users" -v b="$all" 'BEGIN {print a + b}')
    fi
    read -r linked _ < <(explain "SELECT u.* FROM linked_identities l JOIN users u ON u.id = l.user_id
      WHERE lower(l.username) LIKE '$needle' ORDER BY u.created_at DESC, u.id LIMIT 10")
    users=$(awk -v a="$users" -v b="$linked" 'BEGIN {print a + b}')
    read -r recent found < <(explain "SELECT a.* FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT 5000) a
      WHERE a.action LIKE '$needle' OR lower(a.actor_name) LIKE '$needle' ORDER BY a.id DESC LIMIT 10")
    audit=$recent
    if (( found < 10 )); then
      read -r all _ < <(explain "SELECT * FROM audit_log a WHERE a.action LIKE '$needle' OR lower(a.actor_name) LIKE '$needle'
        ORDER BY a.id DESC LIMIT 10")
      audit=$(awk -v a="$audit" -v b="$all" 'BEGIN {print a + b}')
    fi
    echo "$users $audit" >> "$baseline"
  done
done
sql_p99() { awk "{print $1}" "$baseline" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.1f", a[i]}'; }
echo "| searches | p50 ms | p99 ms | max ms | SQL only, users + audit, p99 ms | SQL only, slower source, p99 ms | rows |"
echo "|---|---|---|---|---|---|---|"
echo "| $searches | $(pct 50) | $(pct 99) | $(pct 100) | $(sql_p99 '$1 + $2') | $(sql_p99 '($1 > $2 ? $1 : $2)') | 1,000,000 users + 1,000,000 audit entries |"
# Per query: p50 and max of its searches (the order the searches ran in: query i mod 6).
for i in "${!queries[@]}"; do
  awk -v n="${#queries[@]}" -v i="$i" 'NR % n == i {print $1 * 1000}' "$times" | sort -n \
    | awk -v q="${queries[$i]}" '{a[NR]=$1} END {printf "  %-22s p50 %6.1f ms  max %6.1f ms\n", q, a[int((NR+1)/2)], a[NR]}' >&2
done
