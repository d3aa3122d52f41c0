#!/usr/bin/env bash
# CPU per request of the pages people open every day: builds papihub, starts
# `serve --demo --pprof` on SQLite in a temporary directory, and for each page
# runs wrk -t2 -c64 for 6 s while taking a CPU profile. It prints the server
# process's CPU time (utime+stime from /proc) over the run divided by the
# requests served — the figure that other work on the machine disturbs least —
# and keeps the profiles and allocation snapshots in OUT for
# `go tool pprof -top -cum OUT/PAGE.cpu`.
#
#	bash bench/pages_cpu.sh /tmp/pages-profiles
#	PAGES="giamdoc:/tthc chuyenvien:/tasks/mine" bash bench/pages_cpu.sh /tmp/p
#
# PORT and PPROF (host:port) choose other ports when another bench holds the
# defaults (the machine is shared). DB='postgres://…' runs on that (empty)
# PostgreSQL database instead of SQLite. DATA=dir serves an existing data
# directory instead of the demo (PASSWORD= its users' password when not
# bench-password-1), as bench/pages.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: pages_cpu.sh OUTDIR}
mkdir -p "$out"
dir=$(mktemp -d) port=${PORT:-18282} pprof=${PPROF:-127.0.0.1:6161} pw=${PASSWORD:-bench-password-1} hz=$(getconf CLK_TCK)
data=(--demo --data "$dir/data")
[ -n "${DATA:-}" ] && data=(--data "$DATA")
go build -o "$out/papihub" ./cmd/papihub
[ -n "${DB:-}" ] && data+=(--db "$DB")
PAPIHUB_ADMIN_PASSWORD=$pw "$out/papihub" serve "${data[@]}" --addr 127.0.0.1:$port --pprof $pprof >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
until curl -sf 127.0.0.1:$port/healthz >/dev/null; do sleep 0.1; done
cookie() { curl -s -i -d "username=$1&password=$pw" 127.0.0.1:$port/login | sed -n 's/^Set-Cookie: papihub_session=\([^;]*\).*/\1/ip' | tr -d '\r'; }
plan=$(curl -s -H "Cookie: papihub_session=$(cookie vanphong)" 127.0.0.1:$port/plans | grep -o 'href="/plans/[0-9]*"' | head -1 | grep -o '[0-9]*' || true)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-26s %9s %10s %9s %9s %12s\n' user page requests req/s p50 p99 'CPU us/req'
for pair in ${PAGES:-vanphong:/ truongphong:/ chuyenvien:/ giamdoc:/ noivu:/ vanphong:/plans/PLAN giamdoc:/plans/PLAN/overview chuyenvien:/tasks/mine giamdoc:/tthc giamdoc:/papi}; do
  u=${pair%%:*} p=${pair#*:}
  p=${p//PLAN/$plan}
  name=$(echo "$u$p" | tr '/' '_')
  c=$(cookie "$u")
  curl -s -o /dev/null -H "Cookie: papihub_session=$c" "http://127.0.0.1:$port$p" # warm the caches
  curl -s -o "$out/$name.cpu" "http://$pprof/debug/pprof/profile?seconds=6" &
  prof=$!
  t0=$(awk '{print $14+$15}' /proc/$pid/stat)
  wrk -t2 -c64 -d6s --latency -H "Cookie: papihub_session=$c" "http://127.0.0.1:$port$p" >"$out/$name.wrk"
  t1=$(awk '{print $14+$15}' /proc/$pid/stat)
  wait $prof
  curl -s -o "$out/$name.allocs" "http://$pprof/debug/pprof/allocs"
  n=$(awk '/requests in/ {print $1}' "$out/$name.wrk")
  printf '%-12s %-26s %9s %10s %9s %9s %12s\n' "$u" "$p" "$n" "$(awk '/Requests\/sec/ {print $2}' "$out/$name.wrk")" \
    "$(awk '$1=="50%" {print $2}' "$out/$name.wrk")" "$(awk '$1=="99%" {print $2}' "$out/$name.wrk")" $(( (t1 - t0) * 1000000 / hz / n ))
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
