#!/usr/bin/env bash
# tthc_files.sh measures the real file import, `papihub tthc import dossiers
# FILE`, on the synthetic province: bench/tthc_files.go prepares the database
# (organisation, catalogues) and writes one national sync file per agency,
# then each file is imported by its own process, as an operator would, and
# the whole run is timed. The CLI reads each file twice (a validating pass,
# then the writing pass): both are part of what is measured. A second run
# over the same files must find everything unchanged; it is timed too.
#
#   bench/tthc_files.sh --data /tmp/tf_sqlite 300000
#   createdb -h 127.0.0.1 -U postgres tf && \
#   bench/tthc_files.sh --db 'postgres://postgres@127.0.0.1:5432/tf?sslmode=disable' 300000
#
# Options: --data DIR (SQLite there; with --db it only holds secret.key),
# --db DSN, --format csv|jsonl (default csv), --agencies N, --procedures N.
# Expects a fresh database: the rates count every dossier stored.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA= DSN= FORMAT=csv AGENCIES=30 PROCS=50 N=
while [ $# -gt 0 ]; do
	case "$1" in
	--data) DATA=$2; shift 2 ;;
	--db) DSN=$2; shift 2 ;;
	--format) FORMAT=$2; shift 2 ;;
	--agencies) AGENCIES=$2; shift 2 ;;
	--procedures) PROCS=$2; shift 2 ;;
	-*) echo "unknown option $1" >&2; exit 2 ;;
	*) N=$1; shift ;;
	esac
done
[ -n "$N" ] && { [ -n "$DATA" ] || [ -n "$DSN" ]; } || {
	echo "usage: $0 (--data DIR | --db DSN) [--format csv|jsonl] N" >&2
	exit 2
}

TMP=$(mktemp -d /tmp/tthc_files.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# Without --data the CLI would keep its key in ./data of the checkout.
DATA=${DATA:-$TMP/data}
BIN=/tmp/papihub-bench

echo "== preparing the province and writing $N dossiers as $FORMAT"
go run bench/tthc_files.go --data "$DATA" ${DSN:+--db "$DSN"} --out "$TMP/files" \
	--dossiers "$N" --agencies "$AGENCIES" --procedures "$PROCS" --format "$FORMAT" | tee "$TMP/wrote"
ROWS=$(awk '{ print $2 }' "$TMP/wrote") # N rounded down to whole agencies
du -sh "$TMP/files" | sed 's/^/files: /'
go build -o "$BIN" ./cmd/papihub

# import_all imports every file, one process each, and prints a line per
# file: its wall time, its peak RSS and the CLI's report.
import_all() {
	for f in "$TMP"/files/agency-*; do
		/usr/bin/time -f '%e s %M KB' -o "$TMP/one" \
			"$BIN" tthc import dossiers "$f" --data "$DATA" ${DSN:+--db "$DSN"} >"$TMP/out" 2>&1 ||
			{ cat "$TMP/out" >&2; return 1; }
		printf '%s\t%s\t%s\n' "$(basename "$f")" "$(tail -1 "$TMP/one")" "$(head -1 "$TMP/out")"
	done
}
export -f import_all
export TMP BIN DATA DSN

events() {
	local q="SELECT COALESCE(SUM(LENGTH(history) - LENGTH(REPLACE(history, ';', '')) + 1), 0) FROM tthc_dossiers WHERE history <> ''"
	if [ -n "$DSN" ]; then psql -qtAX "$DSN" -c "$q"; else sqlite3 "$DATA/papihub.db" "$q"; fi
}

for run in first re-run; do
	echo "== $run: load $(uptime | sed 's/.*load average: //')"
	# /usr/bin/time -v of the loop: its wall time, and as max RSS the
	# largest of the import processes (getrusage of the children).
	/usr/bin/time -v -o "$TMP/time" bash -c import_all | tee "$TMP/report"
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TMP/time")
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f MiB", $2 / 1024 }' "$TMP/time")
	read -r imported unchanged rejected < <(awk -F'\t' '{ split($3, w, /[ ,]+/); i += w[2]; u += w[4]; r += w[6] } END { print i + 0, u + 0, r + 0 }' "$TMP/report")
	ev=$(events)
	echo "$run: imported $imported, unchanged $unchanged, rejected $rejected in ${wall} s; peak RSS $rss; $ev events stored"
	# events/s: the events the import stored per second (a re-run stores
	# none, so it gets dossiers/s only).
	awk -v n="$ROWS" -v e="$ev" -v t="$wall" -v run="$run" 'BEGIN {
		printf "%s: %.0f dossiers/s", run, n / t
		if (run == "first") printf ", %.0f events/s", e / t
		printf " (%d dossiers in %d files)\n", n, '"$AGENCIES"' }'
done
