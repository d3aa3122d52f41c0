#!/usr/bin/env bash
# Reproduces the foundation figures of docs/benchmarks.md: throughput of an
# authenticated API call and page, cold start, idle memory. Needs wrk (apt
# install wrk). Uses SQLite in a temporary directory and port 18181.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d) port=18181 pw=bench-password-1
go build -o "$dir/papihub" ./cmd/papihub
PAPIHUB_ADMIN_PASSWORD=$pw "$dir/papihub" serve --demo --data "$dir/data" --addr 127.0.0.1:$port >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
until curl -sf 127.0.0.1:$port/healthz >/dev/null; do sleep 0.1; done
token=$("$dir/papihub" token create --data "$dir/data" --username chuyenvien --name bench)
cookie=$(curl -s -i -d "username=chuyenvien&password=$pw" 127.0.0.1:$port/login | sed -n 's/^Set-Cookie: papihub_session=\([^;]*\).*/\1/ip')

echo "== GET /api/v1/me (bearer), 32 connections"
wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/me | grep -E '99%|Requests/sec|Non-2xx'
echo "== GET /account (session cookie), 8 connections"
wrk -t2 -c8 -d10s --latency -H "Cookie: papihub_session=$cookie" http://127.0.0.1:$port/account | grep -E '99%|Requests/sec|Non-2xx'
kill $pid; wait $pid 2>/dev/null || true

echo "== cold start on the existing database, to the first /healthz answer"
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$dir/papihub" serve --data "$dir/data" --addr 127.0.0.1:$port >/dev/null 2>&1 &
  pid=$!
  until curl -sf 127.0.0.1:$port/healthz >/dev/null; do sleep 0.005; done
  echo "$(( ($(date +%s%N) - start) / 1000000 )) ms"
  sleep 1
  grep VmRSS /proc/$pid/status
  kill $pid; wait $pid 2>/dev/null || true
done
