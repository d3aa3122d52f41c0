#!/usr/bin/env bash
# The pages people open every day, under 64 connections, on the demo data:
# requests/s and latency percentiles from wrk (apt install wrk), which runs
# on the same 2 cores as the server. SQLite in a temporary directory; pass a
# PostgreSQL DSN as $1 to run on PostgreSQL (the database must be empty).
#
#	bash bench/pages.sh
#	bash bench/pages.sh 'postgres://postgres@127.0.0.1:5432/pages?sslmode=disable'
#
# DATA=dir serves an existing data directory instead (for instance the
# province-volume one of bench/tthc_province.go, whose demo users have the
# password bench-password-1; PASSWORD= if another), without --demo. PAGES
# ("user:/path …", PLAN for the first plan) chooses the pages; PORT the port.
# DATA with a DSN serves that existing PostgreSQL database (for instance a
# province built by bench/tthc_province.go --db and bench/province_plans.go).
#
#	DATA=/tmp/tp-2m PAGES="giamdoc:/tthc admin:/tthc giamdoc:/papi" bash bench/pages.sh
#
# CHURN=entity writes an audit entry of that entity every CHURN_EVERY
# seconds (default 0.2) while the pages are measured, from outside the server
# as another process's change would be: CHURN=task_instances is a task ticked
# somewhere in the province, which drops what reads the plans and keeps
# what does not (audit.Scope).
#
# ROUNDS=2 runs wrk twice on each page with the same session: the first round
# includes the page's first renders after the sign-in (64 connections miss the
# kept page together), the second is the page kept.
#
# WAIT=seconds waits that long after the server answers before the first
# sign-in: the first visitors then come after the warm-up at start has run
# (a second or so at a province's volume), not while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d) port=${PORT:-18182} pw=${PASSWORD:-bench-password-1}
dbflag=(--demo --data "$dir/data")
[ $# -gt 0 ] && dbflag+=(--db "$1")
if [ -n "${DATA:-}" ]; then
  dbflag=(--data "$DATA")
  if [ $# -gt 0 ]; then dbflag+=(--db "$1"); fi # an existing PostgreSQL database (DATA then holds only files)
fi
go build -o "$dir/papihub" ./cmd/papihub
PAPIHUB_ADMIN_PASSWORD=$pw "$dir/papihub" serve "${dbflag[@]}" --addr 127.0.0.1:$port >"$dir/serve.log" 2>&1 &
pid=$!
churn=
trap 'kill $pid $churn 2>/dev/null || true; rm -rf "$dir"' EXIT
until curl -sf 127.0.0.1:$port/healthz >/dev/null; do sleep 0.1; done
sleep "${WAIT:-0}"
if [ -n "${CHURN:-}" ]; then
  dsn=${1:-} sqlitedb=${DATA:-$dir/data}/papihub.db
  while sleep "${CHURN_EVERY:-0.2}"; do
    q="INSERT INTO audit_log (at, actor, action, entity) VALUES ('$(date -u +%Y-%m-%dT%H:%M:%SZ)', 'bench', 'update', '$CHURN')"
    if [ -n "$dsn" ]; then psql -q "$dsn" -c "$q" >/dev/null; else sqlite3 "$sqlitedb" "PRAGMA busy_timeout=5000; $q" >/dev/null; fi
  done &
  churn=$!
fi
cookie() { curl -s -i -d "username=$1&password=$pw" 127.0.0.1:$port/login | sed -n 's/^Set-Cookie: papihub_session=\([^;]*\).*/\1/ip' | tr -d '\r'; }
plan=$(curl -s -H "Cookie: papihub_session=$(cookie vanphong)" 127.0.0.1:$port/plans | grep -o 'href="/plans/[0-9]*"' | head -1 | grep -o '[0-9]*' || true)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-28s %10s %9s %9s %s\n' user page req/s p50 p99 non-2xx
for pair in ${PAGES:-vanphong:/ truongphong:/ chuyenvien:/ giamdoc:/ noivu:/ vanphong:/plans/PLAN giamdoc:/plans/PLAN/overview chuyenvien:/tasks/mine giamdoc:/tthc giamdoc:/papi}; do
  p=${pair#*:}
  set -- "${pair%%:*}" "${p//PLAN/$plan}"
  c=$(cookie "$1")
  for round in $(seq 1 "${ROUNDS:-1}"); do
    out=$(wrk -t2 -c64 -d${SECONDS_PER_PAGE:-8}s --latency -H "Cookie: papihub_session=$c" "http://127.0.0.1:$port$2")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-12s %-28s %10s %9s %9s %s\n' "$1" "$2" "$rps" "$p50" "$p99" "${bad:-0}"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep VmHWM /proc/$pid/status
