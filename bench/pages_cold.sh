#!/usr/bin/env bash
# What the first reader after a change waits for: each daily page rendered
# cold. Kept pages (audit.Cache) are dropped by any audited change, so this
# writes an audit entry straight into the database before every request
# (sqlite3 or psql, outside the server, as another process's change would
# be) and times the page that follows: wall time and the server's CPU
# (utime+stime from /proc) per cold page, while a CPU profile of the server
# covers the cold renders (go tool pprof -top -cum OUT/PAGE.cold.cpu) and
# an allocation snapshot follows each page.
#
#	DATA=/tmp/province-s2m bash bench/pages_cold.sh /tmp/cold
#	DATA=/tmp/x DB='postgres://postgres@127.0.0.1:5432/x?sslmode=disable' bash bench/pages_cold.sh /tmp/cold
#
# DATA is an existing data directory (the province of bench/tthc_province.go:
# users' password bench-password-1, PASSWORD= if another); without it the
# demo is served. PAGES ("user:/path …", PLAN for the first plan) chooses the
# pages (PLAN=id: a plan the focal officer's list does not show); each page
# is asked cold for SECONDS_PER_PAGE (10, the profile's length) and at least
# N times (5); PORT and PPROF choose the ports.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: pages_cold.sh OUTDIR}
mkdir -p "$out"
dir=$(mktemp -d) port=${PORT:-18382} pprof=${PPROF:-127.0.0.1:6261} pw=${PASSWORD:-bench-password-1} hz=$(getconf CLK_TCK)
data=(--demo --data "$dir/data") datadir=$dir/data
[ -n "${DATA:-}" ] && data=(--data "$DATA") datadir=$DATA
[ -n "${DB:-}" ] && data+=(--db "$DB")
go build -o "$out/papihub" ./cmd/papihub
PAPIHUB_ADMIN_PASSWORD=$pw "$out/papihub" serve "${data[@]}" --addr 127.0.0.1:$port --pprof $pprof >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
until curl -sf 127.0.0.1:$port/healthz >/dev/null; do sleep 0.1; done
change() {
  local q="INSERT INTO audit_log (at, actor, action, entity) VALUES ('$(date -u +%Y-%m-%dT%H:%M:%SZ)', 'bench', 'update', 'bench')"
  if [ -n "${DB:-}" ]; then psql -q "$DB" -c "$q" >/dev/null; else sqlite3 "$datadir/papihub.db" "PRAGMA busy_timeout=5000; $q" >/dev/null; fi
}
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
cookie() { curl -s -i -d "username=$1&password=$pw" 127.0.0.1:$port/login | sed -n 's/^Set-Cookie: papihub_session=\([^;]*\).*/\1/ip' | tr -d '\r'; }
plan=${PLAN:-$(curl -s -H "Cookie: papihub_session=$(cookie vanphong)" 127.0.0.1:$port/plans | grep -o 'href="/plans/[0-9]*"' | head -1 | grep -o '[0-9]*' || true)}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-26s %3s %10s %10s %14s %9s\n' user page n 'wall p50' 'wall max' 'CPU ms/page' bytes
for pair in ${PAGES:-admin:/ giamdoc:/ noivu:/ vanphong:/ truongphong:/ chuyenvien:/ admin:/tthc giamdoc:/tthc giamdoc:/papi chuyenvien:/tasks/mine}; do
  u=${pair%%:*} p=${pair#*:}
  p=${p//PLAN/$plan}
  name=$(echo "$u$p" | tr '/?=&' '____')
  c=$(cookie "$u")
  curl -s -o /dev/null -H "Cookie: papihub_session=$c" "http://127.0.0.1:$port$p" # the first render, with the process's own start-up
  n=0 total=0 walls=()
  curl -s -o "$out/$name.cold.cpu" "http://$pprof/debug/pprof/profile?seconds=${SECONDS_PER_PAGE:-10}" &
  prof=$!
  while [ $n -lt "${N:-5}" ] || kill -0 $prof 2>/dev/null; do
    change
    t0=$(cpu)
    w=$(curl -s -o "$out/$name.html" -w '%{time_total} %{http_code}' -H "Cookie: papihub_session=$c" "http://127.0.0.1:$port$p")
    t1=$(cpu)
    [ "${w#* }" = 200 ] || echo "$u $p: HTTP ${w#* }" >&2
    total=$((total + t1 - t0)) walls+=("${w% *}") n=$((n + 1))
  done
  wait $prof
  curl -s -o "$out/$name.allocs" "http://$pprof/debug/pprof/allocs"
  sorted=($(printf '%s\n' "${walls[@]}" | sort -g))
  printf '%-12s %-26s %3s %9.0fms %9.0fms %14s %9s\n' "$u" "$p" "$n" "$(echo "${sorted[$((n / 2))]} * 1000" | bc)" \
    "$(echo "${sorted[$((n - 1))]} * 1000" | bc)" "$((total * 1000 / hz / n))" "$(wc -c <"$out/$name.html")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
