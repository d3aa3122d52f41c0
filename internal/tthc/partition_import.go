package tthc

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"papihub/internal/platform/db"
)

// A bulk import on PostgreSQL (a file, the generator) keeps the partitioned
// tables as fast to write and to plan as a plain table:
//
//   - before writing, the partitions of every month its rows fall in are
//     created (ensureImportPartitions): a row without its partition goes to
//     the DEFAULT partition, which every upsert then searches and which
//     upkeep must later empty row by row (13 minutes for 1.8 M dossiers);
//   - after writing, only the partitions it filled substantially are
//     analysed, and only on the columns queries select by (analyzeWritten).
//
// Measured on 02/12/2026 (100,000 dossiers in 10 imports, PostgreSQL,
// log_min_duration_statement): `ANALYZE tthc_dossiers, tthc_dossier_codes,
// tthc_daily, tthc_monthly, tthc_yearly` after each import took 96 s of the
// 140 s; analysing a partitioned parent samples every partition and then the
// parent again, on all 37 columns of the dossiers (sealed text, histories).

// partitionWrites counts the rows a bulk import wrote into each partition
// (by the partition's name; the partition may not exist, then the rows went
// to the default), shared by the import's lanes.
type partitionWrites struct {
	mu   sync.Mutex
	rows map[string]int
}

func newPartitionWrites() *partitionWrites { return &partitionWrites{rows: map[string]int{}} }

func (p *partitionWrites) add(counts map[string]int) {
	if p == nil || len(counts) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for name, n := range counts {
		p.rows[name] += n
	}
}

// aggregatePartition is the partition of t holding the row of period (a
// day, a month or a year), named as partitionBounds names it.
func aggregatePartition(t partitionedTable, period string) string {
	if t.monthly {
		if len(period) >= 7 && boundRe.MatchString(period[:7]) {
			return t.name + "_y" + period[:4] + "m" + period[5:7]
		}
	} else if len(period) >= 4 && boundRe.MatchString(period[:4]) {
		return t.name + "_y" + period[:4]
	}
	return t.name + "_default"
}

// ensureImportPartitions creates, before a bulk import writes, the
// partitions of the months from the earliest to the latest day of receipt
// among its rows (zero: none) and of the three months after, where the ends
// of processing and the overdue days of the last dossiers fall (the
// aggregates' days), but none past the months upkeep keeps ahead.
func (s *Store) ensureImportPartitions(ctx context.Context, earliest, latest time.Time) error {
	if s.db.Dialect != db.Postgres || earliest.IsZero() {
		return nil
	}
	last := latest.AddDate(0, 3, 0)
	if horizon := s.now().AddDate(0, partitionsAhead, 0); last.After(horizon) {
		last = horizon
	}
	if last.Before(earliest) {
		last = earliest
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, partitionLock); err != nil {
			return err
		}
		_, err := ensureBounds(ctx, tx, func(t partitionedTable) []string { return upcoming(t, earliest, monthsBetween(earliest, last)) })
		return err
	})
	if err != nil {
		return fmt.Errorf("tthc: partitions before the import: %w", err)
	}
	return nil
}

// analyzeAfter is the import size past which the planner's statistics are
// refreshed at once rather than at autovacuum's next pass: a year of
// dossiers imported into an empty partition otherwise leaves the planner
// believing it empty, and the index's queries pick sequential scans.
var analyzeAfter = 10_000

// analyzedColumns are the columns the queries of each table select, join
// or group by: the statistics the planner reads. The other columns (sealed
// personal data, histories, counters) cost most of an ANALYZE and inform
// no plan.
var analyzedColumns = map[string]string{
	"tthc_dossiers":      "id, code, unit_id, procedure_id, received_day, end_day, verdict, due_day, overdue_from, status",
	"tthc_dossier_codes": "code, unit_id, received_day",
	"tthc_daily":         "day, unit_id, procedure_id",
	"tthc_monthly":       "month, unit_id, procedure_id",
	"tthc_yearly":        "year, unit_id, procedure_id",
}

// importStatisticsTarget is the statistics target of the analyses after an
// import: ANALYZE samples 300 rows per unit of it, so 10 reads 3,000 rows
// where the default (100) reads 30,000. What the import's analysis is for is
// the partition's size and the rough spread of its keys (units, days), which
// a small sample gives; the plans of the index's and the lists' statements
// are the same with either. Measured on 04/12/2026 on a 2,000,000-dossier
// province: a month's partition of dossiers analysed in 232–472 ms at 100,
// 21 ms at 10; the code table in 502 against 19 ms; the 2,000,000-dossier
// import (30 agencies, one after the other) spent 8.3–8.5 s in its
// analyses at 100 and 0.9 s at 10 (bench/tthc_province.go, docs/
// benchmarks.md), while the next import waited for them. Partition upkeep
// analyses them again at the default (RefineStatistics), as autovacuum does
// once a tenth of a partition has changed.
const importStatisticsTarget = 10

// analyzeWritten refreshes, after a bulk import of imported dossiers, the
// statistics of the partitions it wrote that changed a lot since their last
// analysis: never analysed, believed empty, or at least twice the size (in
// pages) they had then. A partition filled import after import is so
// analysed a logarithmic number of times, not after every import; between
// two analyses the planner scales its row estimates by the partition's
// current size itself. The size is read from the table's file, not from the
// statistics collector's counts of changes, which lag each backend's last
// second of writes. The partitioned parents are left alone, as autovacuum
// leaves them: the planner plans each partition with its own statistics.
func (s *Store) analyzeWritten(ctx context.Context, imported int, written *partitionWrites) error {
	if s.db.Dialect != db.Postgres || imported < analyzeAfter || written == nil {
		return nil
	}
	written.mu.Lock()
	names := make([]string, 0, len(written.rows))
	for name := range written.rows {
		names = append(names, name)
	}
	written.mu.Unlock()
	// Rows written for a partition that does not exist went to the default.
	for _, name := range names {
		if i := strings.LastIndex(name, "_y"); i > 0 {
			names = append(names, name[:i]+"_default")
		}
	}
	todo, err := listOf[string](ctx, s.db.W, `SELECT c.relname FROM pg_class c
WHERE c.relname = ANY(string_to_array($1, ',')) AND c.relnamespace = current_schema()::regnamespace
AND pg_relation_size(c.oid) > 0 AND (c.reltuples < 0 OR c.relpages = 0 OR pg_relation_size(c.oid) >= 2 * 8192 * c.relpages::bigint)
ORDER BY c.relname`, strings.Join(names, ","))
	if err != nil {
		return fmt.Errorf("tthc: statistics after import: %w", err)
	}
	for _, name := range todo {
		cols := analyzedColumns[parentOf(name)]
		if cols == "" {
			continue
		}
		if err := analyzeSampled(ctx, s.db, name, cols, s.now()); err != nil {
			return fmt.Errorf("tthc: analyze %s after import: %w", name, err)
		}
	}
	return nil
}

// parentOf is the table a partition (or the code table itself) belongs to.
func parentOf(name string) string {
	for t := range analyzedColumns {
		if name == t || strings.HasPrefix(name, t+"_y") || name == t+"_default" {
			return t
		}
	}
	return ""
}
