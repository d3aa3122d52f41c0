#!/usr/bin/env bash
# The PostgreSQL import of bench/tthc_province.go at two commits, side by
# side: the bench is built at each commit, then the 2,000,000-dossier import
# runs into an empty database with one binary, then the other, ROUNDS times
# (alternating, so both see the same load). Each run prints the bench's own
# lines (events/s, CPU of the importer and of the backends, peak RSS) and the
# time the database spent in ANALYZE (statements over 20 ms, from the server's
# log: log_min_duration_statement is set on the bench's database only).
#
#	bash bench/import_ab.sh BEFORE AFTER [rounds=2] [dossiers=2000000]
#	(BEFORE, AFTER: commits; PGHOST etc. as for psql, 127.0.0.1 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:?usage: import_ab.sh BEFORE AFTER [rounds] [dossiers]} b=${2:?} rounds=${3:-2} n=${4:-2000000}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
work=$(mktemp -d) db=papihub_import_ab
trap 'git worktree remove --force "$work/src" 2>/dev/null; rm -rf "$work"' EXIT
git worktree add -q --detach "$work/src" HEAD
for side in a b; do
  git -C "$work/src" checkout -q --detach "${!side}"
  (cd "$work/src" && go build -o "$work/$side" bench/tthc_province.go)
done
log=$(psql -Atc "SELECT pg_current_logfile()" 2>/dev/null || true)
[ -n "$log" ] && [ "${log#/}" = "$log" ] && log="$(psql -Atc 'SHOW data_directory')/$log"
[ -z "$log" ] && log=$(ls /var/log/postgresql/*.log 2>/dev/null | head -1)
for r in $(seq 1 "$rounds"); do
  for side in a b; do
    dropdb --if-exists "$db"; createdb "$db"
    psql -qc "ALTER DATABASE $db SET log_min_duration_statement = 20"
    n0=0; [ -r "$log" ] && n0=$(wc -l < "$log")
    echo "== ${!side} (round $r, $(date +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    "$work/$side" --db "postgres://$PGUSER@$PGHOST/$db?sslmode=disable" --dossiers "$n" --queries 0 --plain=false 2>/dev/null
    if [ ! -r "$log" ]; then echo "ANALYZE: the server's log was not found; its time is not summed"; continue; fi
    tail -n +"$((n0 + 1))" "$log" | { grep 'ANALYZE' || true; } | sed -E 's/.*duration: ([0-9.]+) ms.*/\1/' |
      awk '{s += $1; k++} END {printf "ANALYZE: %d statements over 20 ms, %.1f s\n", k, s / 1000}'
  done
done
dropdb --if-exists "$db"
