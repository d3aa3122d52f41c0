#!/usr/bin/env bash
# Index queries on the primary and on a streaming replica (issue 16: "reads
# on the replica as fast as on the primary"). Builds a PostgreSQL primary of
# its own on a loopback port, fills it with the synthetic province of
# bench/tthc_province.go, makes a replica with pg_basebackup, then times the
# same computed index queries alternately on each side, ROUNDS times, so that
# both see the same load on this shared machine.
#
#	bash bench/replica_reads.sh [dossiers=200000] [queries=30] [rounds=2]
#
# Run as root (the servers run as postgres) or as a user who may run initdb.
# Everything lives in a temporary directory removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000} queries=${2:-30} rounds=${3:-2}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/replica-reads.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
primary=$work/primary replica=$work/replica pport=25431 rport=25432
cleanup() {
  for d in "$replica" "$primary"; do [ -f "$d/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$primary" && [ "$(id -u)" = 0 ] && chown postgres "$work" "$primary"
as_pg "$bin/initdb" -D "$primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# The settings of the machine's own server (Debian's defaults), plus what a
# replica needs; no fsync, since only speed is timed.
cat >>"$primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pport
unix_socket_directories = '$work'
wal_level = replica
max_wal_senders = 4
hot_standby = on
shared_buffers = 128MB
fsync = off
CONF
as_pg "$bin/pg_ctl" -D "$primary" -l "$work/primary.log" -w start >/dev/null
pdsn="postgres://postgres@127.0.0.1:$pport/postgres?sslmode=disable"
rdsn="postgres://postgres@127.0.0.1:$rport/postgres?sslmode=disable"
go build -o "$work/tthc_province" bench/tthc_province.go
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/tthc_province" --db "$pdsn" --data "$work/data" --dossiers "$n" --queries 0
psql "$pdsn" -qc ANALYZE
# -c fast: the backup starts at once, not after a checkpoint spread over minutes
as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p $pport -U postgres -D "$replica" -R -X stream -c fast
echo "port = $rport" >>"$replica/postgresql.conf"
as_pg "$bin/pg_ctl" -D "$replica" -l "$work/replica.log" -w start >/dev/null
for r in $(seq 1 "$rounds"); do
  echo "== round $r: primary (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$work/tthc_province" --db "$pdsn" --data "$work/data" --skip-import --plain=false --queries "$queries" | grep -E 'p50|machine'
  echo "== round $r: replica (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$work/tthc_province" --db "$pdsn" --db-read "$rdsn" --data "$work/data" --skip-import --plain=false --queries "$queries" | grep -E 'p50|replica'
done
