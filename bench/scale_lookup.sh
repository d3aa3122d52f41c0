#!/usr/bin/env bash
# Public look-ups served by one papihub process, then by three behind nginx,
# on the same PostgreSQL database (filled by bench/tthc_province.go).
#   bench/scale_lookup.sh 'postgres://postgres@127.0.0.1:5432/bench?sslmode=disable' [seconds]
#
# On one 2-core machine a single process already uses both cores, so three
# cannot serve more. CPU_PER_PROCESS=0.3 gives each serve process a CPU quota
# of its own (a cgroup v1 cpu.cfs_quota_us, GOMAXPROCS=1), as if each ran on
# a small host of its own; PostgreSQL, nginx and wrk share what is left. It
# shows whether the processes scale out or contend on something shared
# (the database, sessions, locks). Needs root and /sys/fs/cgroup/cpu.
set -euo pipefail
dsn=$1 secs=${2:-10}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
cgroups=()
trap 'tail -5 "$work/serve.log" >&2; kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; for g in "${cgroups[@]}"; do rmdir "$g"; done; rm -rf "$work"' EXIT
go build -o "$work/papihub" ./cmd/papihub
psql "$dsn" -Atc "select code from tthc_dossiers order by random() limit 2000" > "$work/codes.txt"
export PAPIHUB_LOOKUP_RATE=0 PAPIHUB_SECRET_KEY=$(head -c32 /dev/urandom | base64) PAPIHUB_LOG_LEVEL=warn
ports=(28741 28742 28743)
[ -n "${CPU_PER_PROCESS:-}" ] && export GOMAXPROCS=1
for i in 0 1 2; do
  "$work/papihub" serve --db "$dsn" --data "$work/d$i" --addr "127.0.0.1:${ports[$i]}" 2>>"$work/serve.log" &
  if [ -n "${CPU_PER_PROCESS:-}" ]; then
    g=/sys/fs/cgroup/cpu/papihub-scale-$$-$i
    mkdir "$g" && cgroups+=("$g")
    echo 100000 >"$g/cpu.cfs_period_us"
    awk -v c="$CPU_PER_PROCESS" 'BEGIN { printf "%d\n", c * 100000 }' >"$g/cpu.cfs_quota_us"
    echo $! >"$g/cgroup.procs"
  fi
done
unset GOMAXPROCS
echo "CPU per serve process: ${CPU_PER_PROCESS:-not limited}"
for p in "${ports[@]}"; do
  # a process held to a fraction of a core takes longer to start
  for i in $(seq 1 300); do curl -fsS "http://127.0.0.1:$p/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  [ "$i" -lt 300 ] || { echo "serve on port $p did not become ready" >&2; exit 1; }
done
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream one { server 127.0.0.1:${ports[0]}; keepalive 64; }
  upstream three { server 127.0.0.1:${ports[0]}; server 127.0.0.1:${ports[1]}; server 127.0.0.1:${ports[2]}; keepalive 64; }
  server { listen 127.0.0.1:28751; location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:28753; location / { proxy_pass http://three; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
sleep 1
for target in "one process, direct:${ports[0]}" "one process behind nginx:28751" "three processes behind nginx:28753"; do
  echo "== ${target%%:*} (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  CODES="$work/codes.txt" wrk -t2 -c32 -d"${secs}s" --latency -s bench/tthc_lookup.lua "http://127.0.0.1:${target##*:}" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx'
done
