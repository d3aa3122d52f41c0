#!/usr/bin/env bash
# The public look-up against the bare baseline of issue 15 (bench/bare_lookup:
# net/http + the same modernc SQLite driver, pragmas, SELECT and JSON fields),
# on the same SQLite database and the same 2,000 random codes, one server after
# the other (ROUNDS times, alternating, so both see the same load). For each
# run it prints the rate, p50/p99, the server's CPU per request (utime+stime
# from /proc over the run, divided by the requests: what other work on the
# machine disturbs least) and its VmHWM; then both medians and the ratios.
# papihub runs with PAPIHUB_LOOKUP_RATE=0 since wrk is one client address.
#
#	go run bench/tthc_province.go --data /tmp/score-2m --dossiers 2000000 --queries 1 --plain=false
#	bash bench/lookup_vs_bare.sh /tmp/score-2m [seconds=10] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: lookup_vs_bare.sh DATADIR [seconds] [rounds]} secs=${2:-10} rounds=${3:-3}
work=$(mktemp -d) hz=$(getconf CLK_TCK) ours=127.0.0.1:28761 bare=127.0.0.1:28762
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/papihub" ./cmd/papihub
go build -o "$work/bare" ./bench/bare_lookup
sqlite3 "file:$data/papihub.db?mode=ro" "select code from tthc_dossiers order by random() limit 2000" >"$work/codes.txt"
export PAPIHUB_LOOKUP_RATE=0 PAPIHUB_LOG_LEVEL=warn PAPIHUB_SECRET_KEY=${PAPIHUB_SECRET_KEY:-$(head -c32 /dev/urandom | base64)}

# run NAME ADDR CMD...: start a server, warm it for 3 s, measure for $secs s.
run() {
  local name=$1 addr=$2
  shift 2
  "$@" >>"$work/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://$addr/api/v1/public/dossiers/x" && break; sleep 0.1; done
  CODES="$work/codes.txt" wrk -t2 -c32 -d3s -s bench/tthc_lookup.lua "http://$addr" >/dev/null
  local t0 t1 n
  t0=$(awk '{print $14+$15}' /proc/$pid/stat)
  CODES="$work/codes.txt" wrk -t2 -c32 -d"${secs}s" --latency -s bench/tthc_lookup.lua "http://$addr" >"$work/out"
  t1=$(awk '{print $14+$15}' /proc/$pid/stat)
  n=$(awk '/requests in/ {print $1}' "$work/out")
  printf '%-7s %9s req/s  p50 %8s  p99 %8s  %6s µs CPU/req  VmHWM %s  non-2xx %s  load %s\n' "$name" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/out")" "$(awk '$1=="50%" {print $2}' "$work/out")" \
    "$(awk '$1=="99%" {print $2}' "$work/out")" $(((t1 - t0) * 1000000 / hz / n)) \
    "$(awk '/VmHWM/ {print $2 $3}' /proc/$pid/status)" "$(awk '/Non-2xx/ {print $NF}' "$work/out")" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/results"
  kill $pid
  wait $pid 2>/dev/null || true
  pid=
}

for _ in $(seq 1 "$rounds"); do
  run papihub $ours "$work/papihub" serve --data "$data" --addr $ours
  run bare $bare "$work/bare" --db "$data/papihub.db" --addr $bare
done
awk '
  { rate[$1] = rate[$1] " " $2; cpu[$1] = cpu[$1] " " $8 }
  function median(s,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "median rate: papihub %.0f, bare %.0f req/s: ratio %.2f (target ≥ 0.9)\n", median(rate["papihub"]), median(rate["bare"]), median(rate["papihub"]) / median(rate["bare"])
    printf "median CPU per request: papihub %.0f µs, bare %.0f µs: bare/papihub %.2f\n", median(cpu["papihub"]), median(cpu["bare"]), median(cpu["bare"]) / median(cpu["papihub"])
  }' "$work/results"
